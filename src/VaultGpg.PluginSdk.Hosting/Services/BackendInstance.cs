using VaultGpg.PluginSdk.Hosting.Broker;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Hosting.Services;

/// <summary>One mount served by this process: its backend, its brokered connection and its storage.</summary>
internal sealed class BackendInstance(string id, IBackend backend, BrokeredConnection connection, GrpcStorage storage) : IAsyncDisposable
{
    public string Id { get; } = id;

    public IBackend Backend { get; } = backend;

    public GrpcStorage Storage { get; } = storage;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Backend.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            connection.Dispose();
        }
    }
}
