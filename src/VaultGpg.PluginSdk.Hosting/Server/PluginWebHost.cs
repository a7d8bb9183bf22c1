using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;
using VaultGpg.PluginSdk.Hosting.Broker;
using VaultGpg.PluginSdk.Hosting.Lifetime;
using VaultGpg.PluginSdk.Hosting.Logging;
using VaultGpg.PluginSdk.Hosting.Services;
using VaultGpg.PluginSdk.Hosting.Tls;
using VaultGpg.PluginSdk.Logical;
using HealthStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VaultGpg.PluginSdk.Hosting.Server;

/// <summary>
/// The Kestrel + gRPC application that serves go-plugin's and Vault's services over HTTP/2 with mutual TLS.
/// Built on the empty builder: no configuration files, no environment-driven URLs (the plugin inherits Vault's
/// environment), no console logger (stdout belongs to the handshake).
/// </summary>
internal static class PluginWebHost
{
    /// <summary>go-plugin's health service name; its Ping() checks it.</summary>
    public const string HealthServiceName = "plugin";

    public sealed record Settings(
        BackendFactory Factory,
        PluginServerOptions Options,
        X509Certificate2 Certificate,
        CertificatePin VaultCertificate,
        SerilogLoggerFactory LoggerFactory,
        TimeProvider TimeProvider);

    public static WebApplication Build(Settings settings, Action<KestrelServerOptions, Action<ListenOptions>> listen)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = settings.Options.PluginName,
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerFactory>(settings.LoggerFactory);

        var clientRefused = settings.LoggerFactory.CreateLogger(typeof(PluginWebHost).FullName!);
        var tls = new TlsHandshakeCallbackOptions
        {
            OnConnection = _ => ValueTask.FromResult(ServerTls(settings, clientRefused)),
            HandshakeTimeout = TimeSpan.FromSeconds(10),
        };
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            // grpc-go servers allow unlimited concurrent streams; Vault sends every mount's requests on one connection.
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            listen(kestrel, endpoint =>
            {
                endpoint.Protocols = HttpProtocols.Http2;
                endpoint.UseHttps(tls);
            });
        });

        var services = builder.Services;
        services.AddRoutingCore();
        services.AddGrpc(grpc =>
        {
            // Vault sends and accepts messages up to MaxInt32 bytes.
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        services.AddSingleton<IHostLifetime, PluginHostLifetime>();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(1));

        services.AddSingleton(settings.Options);
        services.AddSingleton(settings.Factory);
        services.AddSingleton(settings.TimeProvider);
        services.AddSingleton<BackendInstances>();
        services.AddSingleton<ConnInfoRegistry>();
        services.AddSingleton(new BrokerDialer(settings.Certificate, settings.VaultCertificate, settings.LoggerFactory));
        services.AddSingleton<ShutdownCoordinator>();
        services.AddSingleton(Health());
        services.AddSingleton<BackendService>();
        services.AddSingleton<BrokerService>();
        services.AddSingleton<ControllerService>();
        services.AddSingleton<StdioService>();
        services.AddSingleton<VersionService>();
        services.AddSingleton<MultiplexingService>();

        var app = builder.Build();
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcService<BackendService>();
        app.MapGrpcService<BrokerService>();
        app.MapGrpcService<ControllerService>();
        app.MapGrpcService<StdioService>();
        app.MapGrpcService<VersionService>();
        app.MapGrpcService<MultiplexingService>();
        return app;
    }

    /// <summary>The address Kestrel actually bound (TCP port 0 means the OS picked one).</summary>
    public static int BoundTcpPort(WebApplication app) =>
        app.Urls.Select(url => new Uri(url)).Select(uri => uri.Port).FirstOrDefault();

    private static HealthServiceImpl Health()
    {
        var health = new HealthServiceImpl();
        health.SetStatus(HealthServiceName, HealthStatus.Serving);
        health.SetStatus("", HealthStatus.Serving);
        return health;
    }

    /// <summary>
    /// TLS for one connection: our certificate, ALPN h2 only, and a client certificate required in the handshake
    /// (HTTP/2 forbids renegotiation) that must be exactly Vault's. Rejections, including a missing certificate,
    /// are logged here: otherwise Vault only sees a closed connection.
    /// </summary>
    private static SslServerAuthenticationOptions ServerTls(Settings settings, ILogger logger) => new()
    {
        ServerCertificate = settings.Certificate,
        ClientCertificateRequired = true,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ApplicationProtocols = [SslApplicationProtocol.Http2],
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (settings.VaultCertificate.Matches(certificate))
            {
                return true;
            }

            HostingLog.ClientRefused(
                logger,
                certificate is null ? "no client certificate" : "client certificate is not the one in PLUGIN_CLIENT_CERT",
                certificate?.Subject ?? "",
                certificate?.GetCertHashString() ?? "");
            return false;
        },
    };
}
