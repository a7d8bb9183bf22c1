namespace VaultGpg.OpenPgp.Verification;

/// <summary>The reason code of a key revocation (RFC 4880 §5.2.3.23).</summary>
public enum RevocationCode
{
    /// <summary>0, or no reason subpacket: treat as compromised.</summary>
    NoReason = 0,

    /// <summary>1: the key was replaced by a new one; signatures made before the revocation may still be trusted.</summary>
    KeySuperseded = 1,

    /// <summary>2: the secret key may be known to others; no signature by it can be trusted.</summary>
    KeyCompromised = 2,

    /// <summary>3: the key is no longer used; signatures made before the revocation may still be trusted.</summary>
    KeyRetired = 3,

    /// <summary>32: a user ID is no longer valid (not used for keys).</summary>
    UserIdInvalid = 32,

    /// <summary>Any other value (private or experimental codes).</summary>
    Other = 255,
}
