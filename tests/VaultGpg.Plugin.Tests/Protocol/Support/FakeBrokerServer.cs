using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VaultGpg.PluginSdk.Hosting.Proto.Pb;

namespace VaultGpg.Plugin.Tests.Protocol.Support;

/// <summary>
/// The servers Vault starts for a mount through the broker (pb.Storage in memory, pb.SystemView), with current
/// Vault's TLS: Vault's certificate as server certificate, the plugin's certificate required as client certificate,
/// HTTP/2 only.
/// </summary>
internal sealed class FakeBrokerServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeBrokerServer(WebApplication app, string socketPath, MemoryStorage storage)
    {
        _app = app;
        SocketPath = socketPath;
        Storage = storage;
    }

    public string SocketPath { get; }

    public MemoryStorage Storage { get; }

    public static async Task<FakeBrokerServer> StartAsync(X509Certificate2 vaultCertificate, byte[] pluginCertificateDer)
    {
        var socketPath = Path.Combine(Path.GetTempPath(), "vgpg-broker-" + Guid.NewGuid().ToString("N")[..12]);
        var storage = new MemoryStorage();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = vaultCertificate,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                ClientCertificateValidation = (certificate, _, _) =>
                    certificate.RawData.AsSpan().SequenceEqual(pluginCertificateDer),
            });
        }));
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton<SystemViewService>();
        var app = builder.Build();
        app.MapGrpcService<MemoryStorage>();
        app.MapGrpcService<SystemViewService>();
        await app.StartAsync();
        return new FakeBrokerServer(app, socketPath, storage);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(SocketPath);
    }

    /// <summary>pb.Storage over a dictionary; records each call with its snapshot_id metadata.</summary>
    internal sealed class MemoryStorage : Storage.StorageBase
    {
        private readonly ConcurrentDictionary<string, VaultGpg.PluginSdk.Hosting.Proto.Pb.StorageEntry> _entries = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Calls { get; } = new();

        public override Task<StorageGetReply> Get(StorageGetArgs request, ServerCallContext context)
        {
            Calls.Enqueue(Describe("get " + request.Key, context));
            return Task.FromResult(_entries.TryGetValue(request.Key, out var entry) ? new StorageGetReply { Entry = entry } : new StorageGetReply());
        }

        public override Task<StoragePutReply> Put(StoragePutArgs request, ServerCallContext context)
        {
            Calls.Enqueue(Describe("put " + request.Entry.Key, context));
            _entries[request.Entry.Key] = request.Entry.Clone();
            return Task.FromResult(new StoragePutReply());
        }

        public override Task<StorageDeleteReply> Delete(StorageDeleteArgs request, ServerCallContext context)
        {
            Calls.Enqueue(Describe("delete " + request.Key, context));
            _entries.TryRemove(request.Key, out _);
            return Task.FromResult(new StorageDeleteReply());
        }

        public override Task<StorageListReply> List(StorageListArgs request, ServerCallContext context)
        {
            Calls.Enqueue(Describe("list " + request.Prefix, context));
            var keys = _entries.Keys.Where(k => k.StartsWith(request.Prefix, StringComparison.Ordinal))
                .Select(k => k[request.Prefix.Length..])
                .Select(rest => rest.Contains('/', StringComparison.Ordinal) ? rest[..(rest.IndexOf('/', StringComparison.Ordinal) + 1)] : rest)
                .Distinct()
                .Order(StringComparer.Ordinal);
            return Task.FromResult(new StorageListReply { Keys = { keys } });
        }

        // "get key/a" or, when the plugin reads from a snapshot, "get key/a snapshot_id=s1".
        private static string Describe(string call, ServerCallContext context) =>
            context.RequestHeaders.GetValue("snapshot_id") is { } snapshot ? $"{call} snapshot_id={snapshot}" : call;

        public void Seed(string key, string value) =>
            _entries[key] = new VaultGpg.PluginSdk.Hosting.Proto.Pb.StorageEntry { Key = key, Value = ByteString.CopyFromUtf8(value) };
    }

    /// <summary>The system view answers a mount would get (32-day default TTL, not tainted, Vault 1.20.0).</summary>
    internal sealed class SystemViewService : SystemView.SystemViewBase
    {
        public override Task<TTLReply> DefaultLeaseTTL(Empty request, ServerCallContext context) =>
            Task.FromResult(new TTLReply { TTL = (long)TimeSpan.FromDays(32).TotalNanoseconds });

        public override Task<TTLReply> MaxLeaseTTL(Empty request, ServerCallContext context) =>
            Task.FromResult(new TTLReply { TTL = (long)TimeSpan.FromDays(32).TotalNanoseconds });

        public override Task<TaintedReply> Tainted(Empty request, ServerCallContext context) => Task.FromResult(new TaintedReply());

        public override Task<PluginEnvReply> PluginEnv(Empty request, ServerCallContext context) =>
            Task.FromResult(new PluginEnvReply { PluginEnvironment = new VaultGpg.PluginSdk.Hosting.Proto.Logical.PluginEnvironment { VaultVersion = "1.20.0" } });
    }
}
