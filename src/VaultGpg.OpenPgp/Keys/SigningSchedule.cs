namespace VaultGpg.OpenPgp.Keys;

/// <summary>Which key signs at an instant, since when, and the next change the key's own dates bring (a rotated
/// subkey taking over, a signing subkey or the key expiring).</summary>
/// <param name="SigningKeyFingerprint">The key that signs at the instant, null when none can.</param>
/// <param name="Since">Since when that key (or nothing) has been the choice, as far back as the key's dates go.</param>
/// <param name="NextSigningKeyFingerprint">The key that signs after the next change, null when none will.</param>
/// <param name="NextFrom">When the next change happens, null when no date of the key brings one.</param>
public sealed record SigningSchedule(string? SigningKeyFingerprint, DateTimeOffset Since, string? NextSigningKeyFingerprint, DateTimeOffset? NextFrom);
