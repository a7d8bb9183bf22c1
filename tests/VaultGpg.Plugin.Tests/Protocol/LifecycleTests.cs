using System.Diagnostics;
using Grpc.Health.V1;
using VaultGpg.Plugin.Tests.Protocol.Support;
using VaultGpg.PluginSdk.Hosting.Proto.Plugin;
using Xunit.Abstractions;

namespace VaultGpg.Plugin.Tests.Protocol;

/// <summary>How the plugin stops: go-plugin's Kill() (Shutdown, then SIGKILL after 2 s) and signals.</summary>
public sealed class LifecycleTests(ITestOutputHelper output)
{
    /// <summary>go-plugin waits this long after Shutdown before it kills the process.</summary>
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Shutdown_Called_RepliesAndExitsWithin2Seconds()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var stdio = new StdioStream(host);

        await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest());

        var started = Stopwatch.GetTimestamp();
        await new GRPCController.GRPCControllerClient(host.Channel).ShutdownAsync(new Empty());
        var replied = Stopwatch.GetElapsedTime(started);
        var exitCode = await host.WaitForExitAsync(KillAfter);

        output.WriteLine($"Shutdown reply after {replied.TotalMilliseconds:F0} ms, exit after {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

        Assert.Equal(0, exitCode);
        Assert.False(File.Exists(host.Handshake.Address), "the unix socket file should be removed");
    }

    [Fact]
    public async Task Sigint_Received_IsIgnoredAndPluginKeepsServing()
    {
        await using var host = await FakeVaultHost.StartAsync();

        await host.SignalAsync("INT");
        await host.WaitForStderrAsync(l => l.Contains("ignoring SIGINT", StringComparison.Ordinal));
        var reply = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest { Service = "plugin" });

        Assert.False(host.HasExited);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Sigterm_Received_ExitsZero()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await using var stdio = new StdioStream(host);

        await host.SignalAsync("TERM");

        Assert.Equal(0, await host.WaitForExitAsync(KillAfter));
    }

    /// <summary>Vault keeps GRPCStdio open for the plugin's lifetime; a stop must not wait for it to end.</summary>
    private sealed class StdioStream : IAsyncDisposable
    {
        private readonly Grpc.Core.AsyncServerStreamingCall<StdioData> _call;
        private readonly Task _drain;

        public StdioStream(FakeVaultHost host)
        {
            _call = new GRPCStdio.GRPCStdioClient(host.Channel).StreamStdio(new Google.Protobuf.WellKnownTypes.Empty());
            _drain = DrainAsync(_call);
        }

        public async ValueTask DisposeAsync()
        {
            _call.Dispose();
            await _drain;
        }

        private static async Task DrainAsync(Grpc.Core.AsyncServerStreamingCall<StdioData> call)
        {
            try
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            catch (Grpc.Core.RpcException)
            {
                // The plugin went away, which is what these tests make it do.
            }
        }
    }
}
