using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using VaultGpg.PluginSdk.Hosting.Handshake;
using VaultGpg.PluginSdk.Hosting.Logging;
using VaultGpg.PluginSdk.Hosting.Proto.Plugin;
using VaultGpg.PluginSdk.Hosting.Tls;

namespace VaultGpg.PluginSdk.Hosting.Broker;

/// <summary>
/// Opens the brokered gRPC connection to the servers Vault starts for a mount (Storage, SystemView, Events).
/// mTLS as current Vault requires: our certificate as the client certificate, Vault's certificate pinned, SNI
/// <c>localhost</c>, ALPN h2 (SocketsHttpHandler offers it for HTTP/2 over TLS), no message size limits.
/// </summary>
internal sealed class BrokerDialer(X509Certificate2 pluginCertificate, CertificatePin vaultCertificate, ILoggerFactory loggerFactory)
{
    /// <summary>The authority Vault's certificate is issued for; go-plugin's ServerName.</summary>
    private const string ServerName = "localhost";

    private readonly ILogger _logger = loggerFactory.CreateLogger<BrokerDialer>();

    public BrokeredConnection Dial(ConnInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var endpoint = ToEndPoint(info);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, cancellationToken) => ConnectAsync(endpoint, cancellationToken),
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = ServerName,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                // Always offer our certificate: Go's server lists its own CA names, which never match our issuer.
                LocalCertificateSelectionCallback = (_, _, _, _, _) => pluginCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => ValidateServer(certificate),
            },
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            EnableMultipleHttp2Connections = true,
        };

        var channel = GrpcChannel.ForAddress("https://" + ServerName, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
            LoggerFactory = loggerFactory,
        });
        return new BrokeredConnection(channel);
    }

    private bool ValidateServer(X509Certificate? certificate)
    {
        if (vaultCertificate.Matches(certificate))
        {
            return true;
        }

        HostingLog.BrokerServerRefused(_logger, "not the certificate from PLUGIN_CLIENT_CERT", certificate?.Subject ?? "(none)");
        return false;
    }

    private static async ValueTask<Stream> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = endpoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static EndPoint ToEndPoint(ConnInfo info) => info.Network switch
    {
        ListenAddress.Unix => new UnixDomainSocketEndPoint(info.Address),
        ListenAddress.Tcp => ParseTcp(info.Address),
        _ => throw new InvalidOperationException(
            string.Create(CultureInfo.InvariantCulture, $"unknown broker network \"{info.Network}\" for service {info.ServiceId}")),
    };

    private static IPEndPoint ParseTcp(string address) =>
        IPEndPoint.TryParse(address, out var endpoint) && endpoint.Port != 0
            ? endpoint
            : throw new InvalidOperationException($"invalid broker TCP address \"{address}\"");
}
