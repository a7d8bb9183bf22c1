namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>
/// Every dev-host test runs in this collection: one after the other, because plugin start-up is CPU-heavy and some
/// tests start hosts of their own; the shared host comes from <see cref="DevHostFixture"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DevHostCollection : ICollectionFixture<DevHostFixture>
{
    public const string Name = "DevHost";
}
