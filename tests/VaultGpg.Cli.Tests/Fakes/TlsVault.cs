using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace VaultGpg.Cli.Tests.Fakes;

/// <summary>
/// A minimal HTTPS "Vault" on loopback for the TLS settings: its own CA, a server certificate for 127.0.0.1, and
/// optionally a required client certificate from a second CA. Answers every request with one key list.
/// </summary>
internal sealed class TlsVault : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly X509Certificate2 _serverCertificate;
    private readonly SslStreamCertificateContext _serverContext;
    private readonly X509Certificate2? _intermediate;
    private int _connections;
    private int _requests;
    private readonly X509Certificate2 _clientCa;
    private readonly bool _requireClientCertificate;
    private readonly Task _loop;

    /// <param name="serverAuth">false: the server's certificate carries only the clientAuth EKU.</param>
    /// <param name="viaIntermediate">true: an intermediate CA issues the server's certificate and the server sends it.</param>
    public TlsVault(string directory, bool requireClientCertificate, bool serverAuth = true, bool viaIntermediate = false)
    {
        _requireClientCertificate = requireClientCertificate;
        using var serverCa = CreateCa("TlsVault server CA");
        _clientCa = CreateCa("TlsVault client CA");
        _intermediate = viaIntermediate ? CreateCa("TlsVault intermediate CA", serverCa) : null;
        _serverCertificate = Issue(_intermediate ?? serverCa, "127.0.0.1", server: serverAuth, withAddress: true);
        _serverContext = SslStreamCertificateContext.Create(_serverCertificate, _intermediate is null ? null : [_intermediate], offline: true);
        using var client = Issue(_clientCa, "pipeline", server: false, withAddress: false);
        CaFile = WritePem(directory, "ca.pem", serverCa.ExportCertificatePem());
        ClientCertFile = WritePem(directory, "client.pem", client.ExportCertificatePem());
        ClientKeyFile = WritePem(directory, "client-key.pem", client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        using var otherCa = CreateCa("Unrelated CA");
        OtherCaFile = WritePem(directory, "other-ca.pem", otherCa.ExportCertificatePem());
        _listener.Start();
        _loop = AcceptLoopAsync();
    }

    public string Address => $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public string CaFile { get; }

    public string OtherCaFile { get; }

    public string ClientCertFile { get; }

    public string ClientKeyFile { get; }

    /// <summary>Subjects of the client certificates presented, one per accepted connection.</summary>
    public List<string> ClientSubjects { get; } = [];

    /// <summary>TCP connections accepted, before any TLS: 0 means the client never tried to send a request.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>HTTP requests read in full (after TLS 1.3 the server finishes its handshake before the client refuses).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop with one of these.
        }

        _serverCertificate.Dispose();
        _intermediate?.Dispose();
        _clientCa.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(TcpClient socket)
    {
        using (socket)
        {
            try
            {
                await using var tls = new SslStream(socket.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = _serverContext,
                    ClientCertificateRequired = _requireClientCertificate,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => !_requireClientCertificate || IssuedByClientCa(certificate),
                });
                lock (ClientSubjects)
                {
                    ClientSubjects.Add(tls.RemoteCertificate?.Subject ?? "");
                }

                var buffer = new byte[8192];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await tls.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                Interlocked.Increment(ref _requests);
                var body = """{"data":{"keys":["tls-key"]}}""";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"));
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
            {
                // A client that refused our certificate (or that we refused) just goes away: that is what the tests check.
            }
        }
    }

    private bool IssuedByClientCa(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_clientCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }

    /// <summary>A self-signed root, or with <paramref name="issuer"/> an intermediate within the issuer's validity.</summary>
    private static X509Certificate2 CreateCa(string name, X509Certificate2? issuer = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        if (issuer is null)
        {
            return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        }

        using var issued = request.Create(issuer, issuer.NotBefore, issuer.NotAfter, RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string name, bool server, bool withAddress)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (withAddress)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(8);
        // Within the CA's own validity: "now + 1 h" taken a moment after the CA was made would lie past it.
        using var issued = request.Create(ca, ca.NotBefore, ca.NotAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    private static string WritePem(string directory, string name, string pem)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
