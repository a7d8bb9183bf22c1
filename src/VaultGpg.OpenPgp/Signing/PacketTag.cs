namespace VaultGpg.OpenPgp.Signing;

/// <summary>The OpenPGP packet tags this library reads or writes (RFC 4880 §4.3).</summary>
internal static class PacketTag
{
    public const int PublicKeyEncryptedSessionKey = 1;
    public const int Signature = 2;
    public const int SymmetricKeyEncryptedSessionKey = 3;
    public const int OnePassSignature = 4;
    public const int SecretKey = 5;
    public const int PublicKey = 6;
    public const int CompressedData = 8;
    public const int SymmetricallyEncryptedData = 9;
    public const int Marker = 10;
    public const int LiteralData = 11;
    public const int SymmetricallyEncryptedIntegrityProtectedData = 18;
    public const int ModificationDetectionCode = 19;
    public const int AeadEncryptedData = 20;
    public const int Padding = 21;
}
