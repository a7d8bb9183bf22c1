namespace VaultGpg.OpenPgp.Keys;

/// <summary>How carefully the certifier checked that a user ID belongs to the key (RFC 4880 §5.2.1, 0x10-0x13).</summary>
public enum CertificationType
{
    /// <summary>0x10: generic certification, no statement about the check (gpg --sign-key's default).</summary>
    Generic = 0x10,

    /// <summary>0x11: persona certification, no check at all.</summary>
    Persona = 0x11,

    /// <summary>0x12: casual certification, some checking.</summary>
    Casual = 0x12,

    /// <summary>0x13: positive certification, substantial checking.</summary>
    Positive = 0x13,
}
