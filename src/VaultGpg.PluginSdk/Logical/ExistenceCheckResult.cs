namespace VaultGpg.PluginSdk.Logical;

/// <summary>The answer to Vault's existence check before a write.</summary>
/// <param name="CheckFound">False when the path declares no check: the write stays an update.</param>
/// <param name="Exists">With a check: true makes the write an update, false a create.</param>
public sealed record ExistenceCheckResult(bool CheckFound, bool Exists)
{
    public static ExistenceCheckResult NoCheck { get; } = new(false, false);
}
