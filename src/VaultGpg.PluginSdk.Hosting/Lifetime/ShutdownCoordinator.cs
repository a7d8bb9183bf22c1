using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VaultGpg.PluginSdk.Hosting.Logging;

namespace VaultGpg.PluginSdk.Hosting.Lifetime;

/// <summary>
/// Stops the plugin once, whoever asks (GRPCController.Shutdown, SIGTERM, the caller's token). go-plugin kills the
/// process 2 s after Shutdown, so a graceful stop that hangs is cut short by a forced exit before that.
/// </summary>
internal sealed class ShutdownCoordinator(IHostApplicationLifetime lifetime, TimeProvider timeProvider, ILogger<ShutdownCoordinator> logger)
    : IDisposable
{
    /// <summary>How long a graceful stop may take before the process exits anyway (go-plugin waits 2 s).</summary>
    public static readonly TimeSpan ForcedExitAfter = TimeSpan.FromMilliseconds(1500);

    private int _requested;
    private ITimer? _forcedExit;

    /// <summary>Cancelled when the plugin starts stopping; long-lived streams end on it.</summary>
    public CancellationToken Stopping => lifetime.ApplicationStopping;

    public void RequestStop(string reason)
    {
        if (Interlocked.Exchange(ref _requested, 1) == 1)
        {
            return;
        }

        HostingLog.ShutdownRequested(logger, reason);
        _forcedExit = timeProvider.CreateTimer(_ => ExitNow(), null, ForcedExitAfter, Timeout.InfiniteTimeSpan);

        // Off the caller's thread: the Shutdown RPC must still send its reply while the server winds down.
        _ = Task.Run(lifetime.StopApplication);
    }

    public void Dispose() => _forcedExit?.Dispose();

    private void ExitNow()
    {
        HostingLog.ForcedExit(logger);
        Environment.Exit(0);
    }
}
