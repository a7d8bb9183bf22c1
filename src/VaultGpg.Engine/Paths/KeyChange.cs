using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.Engine.Paths;

/// <summary>A change to a stored key's OpenPGP data, and how the transparency log records it (<see cref="Log.KeyEvents"/>).</summary>
/// <param name="Key">The key after the change.</param>
/// <param name="Event">The key event's name.</param>
/// <param name="SubkeyFingerprint">The subkey the event is about, if one.</param>
/// <param name="Settings">The event's settings words, if any.</param>
internal sealed record KeyChange(OpenPgpKey Key, string Event, string? SubkeyFingerprint, string? Settings);
