using Grpc.Net.Client;
using VaultGpg.PluginSdk.Hosting.Proto.Pb;

namespace VaultGpg.PluginSdk.Hosting.Broker;

/// <summary>One mount's gRPC connection to Vault's brokered servers.</summary>
internal sealed class BrokeredConnection(GrpcChannel channel) : IDisposable
{
    public Storage.StorageClient Storage { get; } = new(channel);

    public SystemView.SystemViewClient SystemView { get; } = new(channel);

    public void Dispose() => channel.Dispose();
}
