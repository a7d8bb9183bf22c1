using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.PluginSdk.Tests.Support;

namespace VaultGpg.PluginSdk.Tests;

/// <summary>Vault's global operations: the periodic rollback, and renew/revoke of leases.</summary>
public sealed class RollbackTests
{
    [Fact]
    public async Task Rollback_NoPeriodicHook_ReturnsNothing()
    {
        var backend = TestBackend.Create();

        var response = await backend.SendAsync(Operation.Rollback, "");

        Assert.Null(response);
    }

    [Fact]
    public async Task Rollback_PeriodicHook_RunsItAndReturnsNothing()
    {
        var calls = 0;
        var backend = TestBackend.Create(o => new FrameworkBackendOptions
        {
            Config = o.Config,
            Paths = o.Paths,
            Periodic = (_, _) => { calls++; return Task.CompletedTask; },
        });

        var response = await backend.SendAsync(Operation.Rollback, "");

        Assert.Null(response);
        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData(Operation.Renew)]
    [InlineData(Operation.Revoke)]
    public async Task RenewOrRevoke_NotDeclared_ThrowsUnsupportedOperation(Operation operation)
    {
        var backend = TestBackend.Create(new PathDefinition("creds") { Operations = { [Operation.Read] = new(Handlers.Nothing) } });

        await LogicalAssert.ThrowsAsync(ErrorType.UnsupportedOperation, () => backend.SendAsync(operation, "creds"));
    }

    [Fact]
    public async Task Renew_Declared_CallsTheHandler()
    {
        var backend = TestBackend.Create(o => new FrameworkBackendOptions
        {
            Config = o.Config,
            Paths = o.Paths,
            Renew = (_, _) => Task.FromResult<Response?>(Response.WithData(new() { ["renewed"] = true })),
        });

        var response = await backend.SendAsync(Operation.Renew, "creds");

        Assert.True((bool)response!.Data!["renewed"]!);
    }
}
