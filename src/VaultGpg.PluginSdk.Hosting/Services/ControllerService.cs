using Grpc.Core;
using VaultGpg.PluginSdk.Hosting.Lifetime;
using VaultGpg.PluginSdk.Hosting.Proto.Plugin;

namespace VaultGpg.PluginSdk.Hosting.Services;

/// <summary>plugin.GRPCController: go-plugin's Kill() calls Shutdown, then waits 2 s before SIGKILL.</summary>
internal sealed class ControllerService(ShutdownCoordinator shutdown) : GRPCController.GRPCControllerBase
{
    public override Task<Empty> Shutdown(Empty request, ServerCallContext context)
    {
        shutdown.RequestStop("GRPCController.Shutdown");
        return Task.FromResult(new Empty());
    }
}
