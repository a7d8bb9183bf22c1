namespace VaultGpg.OpenPgp.Keys;

/// <summary>The reason-for-revocation codes of a key or subkey revocation (RFC 4880 §5.2.3.23).</summary>
public enum RevocationReasonCode
{
    /// <summary>0: no reason specified (what gpg's own certificate in openpgp-revocs.d states).</summary>
    NoReason = 0,

    /// <summary>1: the key is superseded by a new one.</summary>
    Superseded = 1,

    /// <summary>2: the key (its secret part) has been compromised.</summary>
    Compromised = 2,

    /// <summary>3: the key is retired and no longer used.</summary>
    Retired = 3,
}
