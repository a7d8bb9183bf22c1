using Grpc.Core;
using Microsoft.Extensions.Logging;
using VaultGpg.PluginSdk.Hosting.Broker;
using VaultGpg.PluginSdk.Hosting.Lifetime;
using VaultGpg.PluginSdk.Hosting.Logging;
using VaultGpg.PluginSdk.Hosting.Proto.Plugin;

namespace VaultGpg.PluginSdk.Hosting.Services;

/// <summary>
/// plugin.GRPCBroker: Vault announces its brokered servers on this stream. We file each ConnInfo for Setup and never
/// send anything (a backend plugin offers no brokered servers of its own). The stream stays open until Vault closes
/// it or the plugin stops.
/// </summary>
internal sealed class BrokerService(ConnInfoRegistry connInfos, ShutdownCoordinator shutdown, ILogger<BrokerService> logger)
    : GRPCBroker.GRPCBrokerBase
{
    public override async Task StartStream(IAsyncStreamReader<ConnInfo> requestStream, IServerStreamWriter<ConnInfo> responseStream, ServerCallContext context)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, shutdown.Stopping);
        try
        {
            while (await requestStream.MoveNext(stop.Token).ConfigureAwait(false))
            {
                var info = requestStream.Current;
                HostingLog.ConnInfoReceived(logger, info.ServiceId, info.Network, info.Address);
                connInfos.Publish(info);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Vault went away or we are stopping: the stream simply ends.
        }
        catch (IOException) when (stop.IsCancellationRequested)
        {
            // Same, reported by the transport.
        }
    }
}
