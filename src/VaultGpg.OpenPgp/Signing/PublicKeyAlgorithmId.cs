namespace VaultGpg.OpenPgp.Signing;

/// <summary>OpenPGP public-key algorithm ids (RFC 4880 §9.1, RFC 6637, and EdDSA as GnuPG 2.2 writes it).</summary>
internal static class PublicKeyAlgorithmId
{
    public const byte RsaGeneral = 1;
    public const byte RsaEncryptOnly = 2;
    public const byte RsaSignOnly = 3;
    public const byte Ecdh = 18;
    public const byte Ecdsa = 19;
    public const byte EdDsaLegacy = 22;
}
