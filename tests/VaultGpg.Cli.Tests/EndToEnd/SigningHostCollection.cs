namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>The end-to-end tests share one dev host and one key: starting them is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class SigningHostCollection : ICollectionFixture<SigningHostFixture>
{
    public const string Name = "signing host";
}
