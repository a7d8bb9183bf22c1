using Grpc.Core;
using VaultGpg.PluginSdk.Hosting.Lifetime;
using VaultGpg.PluginSdk.Hosting.Proto.Plugin;

namespace VaultGpg.PluginSdk.Hosting.Services;

/// <summary>
/// plugin.GRPCStdio: Vault opens this stream right after connecting. We write logs to stderr directly and nothing to
/// stdout, so the stream stays open and silent until Vault cancels it or the plugin stops.
/// </summary>
internal sealed class StdioService(ShutdownCoordinator shutdown) : GRPCStdio.GRPCStdioBase
{
    public override async Task StreamStdio(Google.Protobuf.WellKnownTypes.Empty request, IServerStreamWriter<StdioData> responseStream, ServerCallContext context)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, shutdown.Stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The expected way for this stream to end.
        }
    }
}
