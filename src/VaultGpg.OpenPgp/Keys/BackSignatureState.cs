namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// The primary-key binding ("back-signature", 0x19) a subkey's chosen binding signature carries, as GnuPG tells them
/// apart (getkey.c merge_selfsigs_subkey, flags.backsig 0/1/2): gpg warns "not cross-certified" for
/// <see cref="None"/> and "has an invalid cross-certification" for <see cref="Invalid"/>, and rejects signatures of
/// a signing subkey in both cases.
/// </summary>
internal enum BackSignatureState
{
    /// <summary>No embedded 0x19 signature (or no binding at all).</summary>
    None,

    /// <summary>The newest embedded 0x19 signature does not verify with the subkey.</summary>
    Invalid,

    /// <summary>The newest embedded 0x19 signature verifies with the subkey.</summary>
    Valid,
}
