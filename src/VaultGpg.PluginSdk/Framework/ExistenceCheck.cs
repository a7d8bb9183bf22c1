using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Framework;

/// <summary>Tells Vault whether the target of a write already exists: true makes the write an update, false a create.</summary>
public delegate Task<bool> ExistenceCheck(Request request, FieldData data, CancellationToken cancellationToken);
