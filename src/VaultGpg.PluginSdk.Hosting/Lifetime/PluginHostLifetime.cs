using Microsoft.Extensions.Hosting;

namespace VaultGpg.PluginSdk.Hosting.Lifetime;

/// <summary>
/// Replaces the console lifetime, which would stop the host on Ctrl-C and log to the console.
/// Signals are handled by <see cref="SignalHandlers"/> instead.
/// </summary>
internal sealed class PluginHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
