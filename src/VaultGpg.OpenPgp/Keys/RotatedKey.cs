namespace VaultGpg.OpenPgp.Keys;

/// <summary>The result of <see cref="KeyRotation.Rotate"/>.</summary>
/// <param name="Key">The key with the new signing subkey (and the previous one's new expiry, if asked).</param>
/// <param name="NewSubkey">The new signing subkey.</param>
/// <param name="SignsFrom">When it starts signing (its creation time).</param>
/// <param name="PreviousFingerprint">The key that signed just before <paramref name="SignsFrom"/> (a subkey or the
/// primary key), null when none could.</param>
public sealed record RotatedKey(OpenPgpKey Key, SubkeyInfo NewSubkey, DateTimeOffset SignsFrom, string? PreviousFingerprint);
