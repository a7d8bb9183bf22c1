namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// The GPG engine's HTTP tests: one after the other against one dev host (<see cref="EngineHostFixture"/>), because
/// some of them switch the host's replication state or measure throughput, and the machine has two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineHostFixture>
{
    public const string Name = "Engine";
}
