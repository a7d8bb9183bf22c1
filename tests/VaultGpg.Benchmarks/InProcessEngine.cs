using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using VaultGpg.Engine;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Benchmarks;

/// <summary>
/// The engine in process through its router, on in-memory storage: no HTTP, no gRPC, so the per-request cost is the
/// smallest it can be. The benchmarks that sign through the engine build their requests here.
/// </summary>
internal sealed class InProcessEngine(IBackend backend, InMemoryStorage storage) : IAsyncDisposable
{
    public static async Task<InProcessEngine> StartAsync()
    {
        var storage = new InMemoryStorage();
        var backend = await GpgBackend.Factory(
            new BackendConfig { StorageView = storage, System = new StaticSystemView(), LoggerFactory = NullLoggerFactory.Instance },
            CancellationToken.None);
        await backend.InitializeAsync(CancellationToken.None);
        return new InProcessEngine(backend, storage);
    }

    public Request Build(Operation operation, string path, JsonObject data) => new()
    {
        Operation = operation,
        Path = path,
        Data = JsonSerializer.SerializeToElement(data),
        Storage = storage,
    };

    public Task<Response?> HandleAsync(Request request, CancellationToken cancellationToken) => backend.HandleRequestAsync(request, cancellationToken);

    /// <summary>Sends the request and returns its answer, or throws when it failed.</summary>
    public async Task<Response> EnsureAsync(Request request, string what) => Ensure(await backend.HandleRequestAsync(request, CancellationToken.None), what);

    public static Response Ensure(Response? response, string what) =>
        response is { IsError: false } ok ? ok : throw new InvalidOperationException($"{what} failed: {response?.Data?.ToJsonString()}");

    public ValueTask DisposeAsync() => backend.DisposeAsync();
}
