namespace VaultGpg.PluginSdk.Logical;

/// <summary>One value in the mount's storage view.</summary>
/// <param name="Key">Key relative to the mount, for example <c>key/release</c>.</param>
/// <param name="Value">The stored bytes.</param>
/// <param name="SealWrap">Whether Vault Enterprise should seal-wrap the value.</param>
public sealed record StorageEntry(string Key, ReadOnlyMemory<byte> Value, bool SealWrap = false);
