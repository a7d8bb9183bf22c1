using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.Engine.Keys;

/// <summary>A stored key entry together with its parsed key, which is immutable and shared by concurrent requests.</summary>
internal sealed record StoredKey(KeyEntry Entry, OpenPgpKey Key);
