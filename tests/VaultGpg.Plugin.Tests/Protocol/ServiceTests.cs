using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Health.V1;
using VaultGpg.Plugin.Tests.Protocol.Support;
using VaultGpg.PluginSdk.Hosting.Proto.Logical;
using VaultGpg.PluginSdk.Hosting.Proto.Multiplexing;
using VaultGpg.PluginSdk.Hosting.Proto.Pb;
using VaultGpg.PluginSdk.Hosting.Proto.Plugin;

namespace VaultGpg.Plugin.Tests.Protocol;

/// <summary>The go-plugin and Vault services the published plugin serves before any mount is set up.</summary>
public sealed partial class ServiceTests
{
    [Theory]
    [InlineData("plugin")]
    [InlineData("")]
    public async Task HealthCheck_PluginAndOverall_Serving(string service)
    {
        await using var host = await FakeVaultHost.StartAsync();

        var reply = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task PluginVersion_Version_IsSemver()
    {
        await using var host = await FakeVaultHost.StartAsync();

        var reply = await new PluginVersion.PluginVersionClient(host.Channel).VersionAsync(new VaultGpg.PluginSdk.Hosting.Proto.Logical.Empty());

        Assert.Matches(SemverPattern(), reply.PluginVersion);
    }

    [Fact]
    public async Task MultiplexingSupport_Asked_Supported()
    {
        await using var host = await FakeVaultHost.StartAsync();

        var reply = await new PluginMultiplexing.PluginMultiplexingClient(host.Channel).MultiplexingSupportAsync(new MultiplexingSupportRequest());

        Assert.True(reply.Supported);
    }

    [Fact]
    public async Task StreamStdio_Opened_StaysOpenAndSilent()
    {
        await using var host = await FakeVaultHost.StartAsync();
        using var call = new GRPCStdio.GRPCStdioClient(host.Channel).StreamStdio(new Google.Protobuf.WellKnownTypes.Empty());

        var next = call.ResponseStream.MoveNext();
        var finished = await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(500)));

        Assert.NotSame(next, finished);
    }

    [Fact]
    public async Task HandleRequest_BeforeSetup_FailsPrecondition()
    {
        await using var host = await FakeVaultHost.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Backend.BackendClient(host.Channel).HandleRequestAsync(new HandleRequestArgs
            {
                Request = new VaultGpg.PluginSdk.Hosting.Proto.Pb.Request { Operation = "read", Path = "x", Data = "null" },
            }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [GeneratedRegex(@"^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemverPattern();
}
