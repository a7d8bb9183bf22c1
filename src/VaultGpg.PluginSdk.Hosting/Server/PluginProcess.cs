using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;
using VaultGpg.PluginSdk.Hosting.Handshake;
using VaultGpg.PluginSdk.Hosting.Lifetime;
using VaultGpg.PluginSdk.Hosting.Logging;
using VaultGpg.PluginSdk.Hosting.Services;
using VaultGpg.PluginSdk.Hosting.Tls;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Hosting.Server;

/// <summary>
/// One run of the plugin process after the cookie check: certificate, listener, handshake line, serving, stopping.
/// </summary>
internal sealed class PluginProcess(
    BackendFactory factory,
    PluginServerOptions options,
    PluginEnvironment environment,
    SerilogLoggerFactory loggerFactory,
    TimeProvider timeProvider)
{
    private const int ExitOk = 0;
    private const int ExitFailed = 1;

    private readonly ILogger _logger = loggerFactory.CreateLogger("VaultGpg.PluginSdk.Hosting.PluginServer");

    public async Task<int> RunAsync(long startTimestamp, CancellationToken cancellationToken)
    {
        HostingLog.Starting(_logger, options.Version, Environment.ProcessId);

        // Signals can arrive at any time, even before we listen; they are acted on once the server exists.
        using var terminate = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new SignalHandlers(_ => terminate.Cancel(), _logger);

        if (!TryPrepare(out var vaultCertificate, out var negotiation))
        {
            return ExitFailed;
        }

        using var certificate = PluginCertificate.Create(timeProvider);
        var settings = new PluginWebHost.Settings(factory, options, certificate, vaultCertificate, loggerFactory, timeProvider);
        var started = await StartAsync(settings, cancellationToken).ConfigureAwait(false);
        if (started is null)
        {
            return ExitFailed;
        }

        var (app, address, socketDirectory) = started.Value;
        using (socketDirectory)
        await using (app.ConfigureAwait(false))
        {
            var shutdown = app.Services.GetRequiredService<ShutdownCoordinator>();
            using var onTerminate = terminate.Token.Register(
                () => shutdown.RequestStop(cancellationToken.IsCancellationRequested ? "cancelled by the caller" : "SIGTERM"));

            StandardStreams.WriteHandshake(HandshakeLine.Format(negotiation.Version, address, certificate.RawData));
            HostingLog.Serving(_logger, address.Network, address.Address, negotiation.Version,
                (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

            await app.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
            await DisposeInstancesAsync(app).ConfigureAwait(false);
        }

        HostingLog.Stopped(_logger);
        return ExitOk;
    }

    private bool TryPrepare(out CertificatePin vaultCertificate, out ProtocolNegotiation negotiation)
    {
        vaultCertificate = null!;
        negotiation = ProtocolNegotiation.Negotiate(environment.ProtocolVersions);
        if (environment.MultiplexGrpc is not null)
        {
            // Vault asks for this only for container plugins; we cannot speak yamux, and a handshake without the
            // seventh field would only fail later with a vaguer error.
            return Fail("PLUGIN_MULTIPLEX_GRPC is set, but this plugin does not support gRPC broker multiplexing "
                + "(container plugins); register it as a regular plugin");
        }

        if (environment.ClientCertificatePem is null)
        {
            return Fail("PLUGIN_CLIENT_CERT is not set: this plugin requires go-plugin AutoMTLS, which Vault uses for v5 plugins");
        }

        try
        {
            vaultCertificate = CertificatePin.FromPem(environment.ClientCertificatePem);
        }
        catch (CryptographicException)
        {
            return Fail("PLUGIN_CLIENT_CERT does not hold a PEM certificate");
        }

        foreach (var entry in negotiation.InvalidEntries)
        {
            HostingLog.InvalidProtocolEntry(_logger, entry);
        }

        if (!negotiation.ClientAccepts)
        {
            HostingLog.ProtocolNotAccepted(_logger, negotiation.Version, environment.ProtocolVersions ?? "");
        }

        return true;
    }

    private bool Fail(string reason)
    {
        HostingLog.CannotStart(_logger, reason);
        return false;
    }

    /// <summary>A unix socket in a private directory (go-plugin's choice on every OS but Windows; a socket that
    /// cannot be made is an error, as in go-plugin, never a silent switch to TCP); TCP on loopback within the port
    /// range on Windows.</summary>
    private async Task<(WebApplication App, ListenAddress Address, IDisposable? SocketDirectory)?> StartAsync(PluginWebHost.Settings settings, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            return await StartOnUnixSocketAsync(settings, cancellationToken).ConfigureAwait(false);
        }

        foreach (var port in CandidatePorts())
        {
            var app = PluginWebHost.Build(settings, (kestrel, configure) => kestrel.Listen(IPAddress.Loopback, port, configure));
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                return (app, ListenAddress.ForTcpPort(PluginWebHost.BoundTcpPort(app)), null);
            }
            catch (IOException)
            {
                // Taken between our probe and Kestrel's bind: try the next one.
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }

        Fail(string.Create(CultureInfo.InvariantCulture,
            $"no free TCP port on 127.0.0.1 between {environment.MinPort} and {environment.MaxPort}"));
        return null;
    }

    /// <summary>Ports in go-plugin's order (first that binds wins); 0..0 lets the OS choose.</summary>
    private IEnumerable<int> CandidatePorts()
    {
        if (environment.MinPort == 0 && environment.MaxPort == 0)
        {
            yield return 0;
            yield break;
        }

        for (var port = environment.MinPort; port <= environment.MaxPort; port++)
        {
            if (IsFree(port))
            {
                yield return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private async Task<(WebApplication App, ListenAddress Address, IDisposable? SocketDirectory)?> StartOnUnixSocketAsync(PluginWebHost.Settings settings, CancellationToken cancellationToken)
    {
        PrivateSocketDirectory directory;
        try
        {
            directory = PrivateSocketDirectory.Create(environment.UnixSocketDirectory ?? Path.GetTempPath(), environment.UnixSocketGroup);
        }
        catch (InvalidOperationException exception)
        {
            Fail(exception.Message);
            return null;
        }

        var path = directory.SocketPath;
        var app = PluginWebHost.Build(settings, (kestrel, configure) => kestrel.ListenUnixSocket(path, configure));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            directory.GrantGroupAccessToSocket();
            return (app, ListenAddress.ForUnixSocket(path), directory);
        }
        catch (Exception exception) when (exception is IOException or SocketException or UnauthorizedAccessException or InvalidOperationException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            directory.Dispose();
            Fail(exception is InvalidOperationException ? exception.Message : $"cannot listen on the unix socket {path}: {exception.Message}");
            return null;
        }
    }

    private static async Task DisposeInstancesAsync(WebApplication app)
    {
        var backend = app.Services.GetRequiredService<BackendService>();
        foreach (var instance in app.Services.GetRequiredService<BackendInstances>().RemoveAll())
        {
            await backend.DisposeQuietlyAsync(instance).ConfigureAwait(false);
        }
    }

}
