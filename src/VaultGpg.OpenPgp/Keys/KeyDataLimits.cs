namespace VaultGpg.OpenPgp.Keys;

/// <summary>Bounds on key input, so hostile input costs bounded memory and time.</summary>
internal static class KeyDataLimits
{
    /// <summary>
    /// 4 MiB: a secret key with a handful of user IDs and subkeys is a few KiB; public keys carrying thousands of
    /// third-party certifications reach a few hundred KiB. Anything larger is refused before parsing.
    /// </summary>
    public const int MaxKeyBytes = 4 * 1024 * 1024;
}
