using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using VaultGpg.PluginSdk.Hosting.Proto.Pb;
using VaultGpg.PluginSdk.Hosting.Proto.Plugin;

namespace VaultGpg.Plugin.Tests.Protocol.Support;

/// <summary>
/// Vault's side of mounting: the broker stream (StartStream), a brokered server per mount announced by ConnInfo, and
/// Backend calls carrying each mount's <c>multiplex_id</c>, in the order of facts 4.2-4.3.
/// </summary>
internal sealed class MountSession : IAsyncDisposable
{
    private readonly FakeVaultHost _host;
    private readonly AsyncDuplexStreamingCall<ConnInfo, ConnInfo> _broker;
    private readonly List<FakeBrokerServer> _servers = [];
    private uint _nextBrokerId;

    private MountSession(FakeVaultHost host)
    {
        _host = host;
        Backend = new Backend.BackendClient(host.Channel);
        _broker = new GRPCBroker.GRPCBrokerClient(host.Channel).StartStream();
    }

    public Backend.BackendClient Backend { get; }

    public static Task<MountSession> OpenAsync(FakeVaultHost host) => Task.FromResult(new MountSession(host));

    /// <summary>Starts a brokered server, announces it and calls Setup, as Vault's backend client Setup does.</summary>
    /// <param name="multiplexId">The mount's multiplex id; null sends none (a non-multiplexing host).</param>
    /// <param name="announceAfterSetup">Send the ConnInfo only after Setup was sent (the streams race in Vault too).</param>
    /// <param name="brokerCertificate">The brokered server's certificate; default Vault's (PLUGIN_CLIENT_CERT).</param>
    public async Task<(SetupReply Reply, FakeBrokerServer Server)> SetupAsync(
        string? multiplexId, bool announceAfterSetup = false, X509Certificate2? brokerCertificate = null)
    {
        var brokerId = ++_nextBrokerId;
        byte[] pluginCertificate;
        using (var certificate = _host.Handshake.DecodeCertificate())
        {
            pluginCertificate = certificate.RawData;
        }

        var server = await FakeBrokerServer.StartAsync(brokerCertificate ?? _host.VaultCertificate, pluginCertificate);
        _servers.Add(server);
        var announce = new ConnInfo { ServiceId = brokerId, Network = "unix", Address = server.SocketPath };
        var args = new SetupArgs
        {
            BrokerId = brokerId,
            BackendUUID = Guid.NewGuid().ToString(),
            Config = { ["plugin_name"] = "vault-plugin-secrets-gpg", ["plugin_type"] = "secret", ["plugin_version"] = "" },
        };

        if (!announceAfterSetup)
        {
            await _broker.RequestStream.WriteAsync(announce);
        }

        var setup = Backend.SetupAsync(args, Headers(multiplexId));
        if (announceAfterSetup)
        {
            await Task.Delay(300);
            await _broker.RequestStream.WriteAsync(announce);
        }

        return (await setup, server);
    }

    public static Metadata? Headers(string? multiplexId) => multiplexId is null ? null : new Metadata { { "multiplex_id", multiplexId } };

    public async ValueTask DisposeAsync()
    {
        await _broker.RequestStream.CompleteAsync();
        _broker.Dispose();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}
