using Grpc.Core;
using VaultGpg.PluginSdk.Hosting.Proto.Multiplexing;

namespace VaultGpg.PluginSdk.Hosting.Services;

/// <summary>
/// pluginutil.multiplexing.PluginMultiplexing: we serve several mounts per process (see <see cref="BackendInstances"/>),
/// so Vault may reuse one process for every mount of this plugin.
/// </summary>
internal sealed class MultiplexingService : PluginMultiplexing.PluginMultiplexingBase
{
    public override Task<MultiplexingSupportResponse> MultiplexingSupport(MultiplexingSupportRequest request, ServerCallContext context) =>
        Task.FromResult(new MultiplexingSupportResponse { Supported = true });
}
