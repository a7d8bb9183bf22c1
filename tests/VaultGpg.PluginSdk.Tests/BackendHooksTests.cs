using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.PluginSdk.Tests.Support;

namespace VaultGpg.PluginSdk.Tests;

/// <summary>The lifecycle calls Vault makes besides requests: initialize, invalidate, cleanup, type, special paths.</summary>
public sealed class BackendHooksTests
{
    [Fact]
    public async Task Hooks_Declared_AreCalledWithTheirArguments()
    {
        // Arrange
        var calls = new List<string>();
        var backend = TestBackend.Create(o => new FrameworkBackendOptions
        {
            Config = o.Config,
            Paths = o.Paths,
            Initialize = _ => { calls.Add("initialize"); return Task.CompletedTask; },
            Invalidate = (key, _) => { calls.Add("invalidate " + key); return Task.CompletedTask; },
            Cleanup = _ => { calls.Add("cleanup"); return Task.CompletedTask; },
        }).Backend;

        // Act
        await backend.InitializeAsync(CancellationToken.None);
        await backend.InvalidateKeyAsync("key/a", CancellationToken.None);
        await backend.CleanupAsync(CancellationToken.None);

        // Assert
        Assert.Equal(["initialize", "invalidate key/a", "cleanup"], calls);
    }

    [Fact]
    public async Task Hooks_NotDeclared_DoNothing()
    {
        var backend = TestBackend.Create().Backend;

        await backend.InitializeAsync(CancellationToken.None);
        await backend.InvalidateKeyAsync("key/a", CancellationToken.None);
        await backend.CleanupAsync(CancellationToken.None);
        await backend.DisposeAsync();

        Assert.Equal(BackendType.Logical, backend.Type);
    }

    [Fact]
    public void SpecialPaths_Declared_AreReported()
    {
        var special = new SpecialPaths { SealWrapStorage = ["key/"] };
        var backend = TestBackend.Create(o => new FrameworkBackendOptions { Config = o.Config, Paths = o.Paths, SpecialPaths = special }).Backend;

        Assert.Same(special, backend.SpecialPaths);
    }
}
