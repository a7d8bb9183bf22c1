namespace VaultGpg.Rpm.Tests;

/// <summary>The test classes that share the built packages and keys.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "rpm packages";
}
