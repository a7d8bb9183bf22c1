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
    public void SpecialPaths_Declared_AreReportedAndUndeclaredAreEmpty()
    {
        var backend = TestBackend.Create(o => new FrameworkBackendOptions
        {
            Config = o.Config,
            Paths = o.Paths,
            SpecialPaths = new SpecialPaths { SealWrapStorage = ["key/"], Root = ["config"] },
        }).Backend;
        var undeclared = TestBackend.Create().Backend;

        Assert.Equal(["key/"], backend.SpecialPaths.SealWrapStorage);
        Assert.Equal(["config"], backend.SpecialPaths.Root);
        Assert.Empty(backend.SpecialPaths.Unauthenticated);
        Assert.Empty(undeclared.SpecialPaths.SealWrapStorage);
        Assert.Empty(undeclared.SpecialPaths.Root);
    }
}
