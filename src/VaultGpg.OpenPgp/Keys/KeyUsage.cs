namespace VaultGpg.OpenPgp.Keys;

/// <summary>What a key (primary or subkey) may be used for, from its key flags (RFC 4880 §5.2.3.21).</summary>
[Flags]
public enum KeyUsage
{
    None = 0,
    Certify = 1,
    Sign = 2,

    /// <summary>Encryption of communications or of storage (gpg does not tell them apart either).</summary>
    Encrypt = 4,
    Authenticate = 8,
}
