using Grpc.Core;
using VaultGpg.PluginSdk.Hosting.Broker;
using VaultGpg.PluginSdk.Hosting.Proto.Plugin;

namespace VaultGpg.Plugin.Tests.Protocol.Units;

public sealed class ConnInfoRegistryTests
{
    private readonly ConnInfoRegistry _registry = new();

    [Fact]
    public async Task Take_PublishedBefore_ReturnsIt()
    {
        _registry.Publish(new ConnInfo { ServiceId = 1, Network = "unix", Address = "/tmp/a" });

        var info = await _registry.TakeAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal("/tmp/a", info.Address);
    }

    [Fact]
    public async Task Take_PublishedAfter_WaitsForIt()
    {
        var take = _registry.TakeAsync(2, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.False(take.IsCompleted);

        _registry.Publish(new ConnInfo { ServiceId = 2, Address = "/tmp/b" });

        Assert.Equal("/tmp/b", (await take).Address);
    }

    [Fact]
    public async Task Take_OtherServiceIdOnly_TimesOutAsUnavailable()
    {
        _registry.Publish(new ConnInfo { ServiceId = 3 });

        var error = await Assert.ThrowsAsync<RpcException>(() => _registry.TakeAsync(4, TimeSpan.FromMilliseconds(50), CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("timeout waiting for connection info", error.Status.Detail, StringComparison.Ordinal);
    }
}
