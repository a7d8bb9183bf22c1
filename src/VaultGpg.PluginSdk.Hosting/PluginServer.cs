using System.Diagnostics;
using Serilog.Extensions.Logging;
using VaultGpg.PluginSdk.Hosting.Handshake;
using VaultGpg.PluginSdk.Hosting.Logging;
using VaultGpg.PluginSdk.Hosting.Server;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Hosting;

/// <summary>
/// Runs the process as a Vault backend plugin (go-plugin server, app protocol 5): checks Vault's cookie, serves the
/// backends a <see cref="BackendFactory"/> builds over mutual TLS, and returns the process exit code when Vault shuts it
/// down. Call it from <c>Main</c> and return its result.
/// </summary>
public static class PluginServer
{
    /// <summary>Shown to a person who starts the binary by hand (and to Vault's database-plugin probe).</summary>
    internal const string NotLaunchedByVaultMessage =
        "This program is a HashiCorp Vault plugin and is not meant to be run directly.\n"
        + "Register it with Vault (vault plugin register) and enable it (vault secrets enable); Vault starts it itself.\n";

    /// <summary>Serves until Vault shuts the plugin down, SIGTERM arrives or <paramref name="cancellationToken"/> fires.</summary>
    /// <returns>The process exit code: 0 after a clean stop, 1 when the plugin could not start.</returns>
    public static async Task<int> RunAsync(BackendFactory factory, PluginServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.PluginName);
        var startTimestamp = Stopwatch.GetTimestamp();

        // First of all: Vault's type detection starts plugins with a database cookie, and a person may start us by
        // hand. Either way: a message on stderr, exit 1, and not one byte on stdout.
        var environment = PluginEnvironment.Read(Environment.GetEnvironmentVariable);
        if (!environment.HasValidCookie)
        {
            StandardStreams.WriteStderrText(NotLaunchedByVaultMessage);
            return 1;
        }

        var stderr = StandardStreams.OpenStderr();
        await using (stderr.ConfigureAwait(false))
        {
            using var logger = PluginLogging.Create(options.PluginName, options.MinimumLogLevel, stderr);
            using var loggerFactory = new SerilogLoggerFactory(logger);
            var process = new PluginProcess(factory, options, environment, loggerFactory, TimeProvider.System);
            return await process.RunAsync(startTimestamp, cancellationToken).ConfigureAwait(false);
        }
    }
}
