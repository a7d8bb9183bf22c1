using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using VaultGpg.PluginSdk.Hosting.Logging;

namespace VaultGpg.PluginSdk.Hosting.Lifetime;

/// <summary>
/// SIGINT is ignored, as go-plugin servers do: a Ctrl-C in the terminal running Vault reaches the whole process group,
/// and the plugin must outlive it (Vault decides when to stop us). SIGTERM stops the plugin gracefully.
/// </summary>
internal sealed class SignalHandlers : IDisposable
{
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public SignalHandlers(Action<string> requestStop, ILogger logger)
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            HostingLog.SigintIgnored(logger);
        });
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            requestStop("SIGTERM");
        });
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }
}
