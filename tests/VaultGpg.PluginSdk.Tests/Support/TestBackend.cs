using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Tests.Support;

/// <summary>
/// The one way tests build a backend: a real <see cref="FrameworkBackend"/> on in-memory storage with a static system
/// view (the counterpart of Vault's createBackendWithSysView). Requests go through HandleRequestAsync, as Vault's do.
/// </summary>
internal sealed class TestBackend
{
    private TestBackend(FrameworkBackend backend, InMemoryStorage storage)
    {
        Backend = backend;
        Storage = storage;
    }

    public FrameworkBackend Backend { get; }

    public InMemoryStorage Storage { get; }

    public static TestBackend Create(params PathDefinition[] paths) => Create(options => options, paths);

    public static TestBackend Create(Func<FrameworkBackendOptions, FrameworkBackendOptions> configure, params PathDefinition[] paths)
    {
        var storage = new InMemoryStorage();
        var options = configure(new FrameworkBackendOptions
        {
            Config = new BackendConfig
            {
                StorageView = storage,
                System = new StaticSystemView { VaultVersion = "1.20.1" },
                LoggerFactory = NullLoggerFactory.Instance,
                BackendUuid = "test-uuid",
            },
            Paths = paths,
            Help = "A backend made for tests.",
        });
        return new TestBackend(new FrameworkBackend(options), storage);
    }

    /// <summary>A request as Vault sends it; <paramref name="json"/> is the data object, or null for none.</summary>
    public Request Request(Operation operation, string path, string? json = null) => new()
    {
        Operation = operation,
        Path = path,
        Data = json is null ? null : JsonDocument.Parse(json).RootElement.Clone(),
        Storage = Storage,
        MountPoint = "test/",
    };

    public Task<Response?> SendAsync(Operation operation, string path, string? json = null) =>
        Backend.HandleRequestAsync(Request(operation, path, json), CancellationToken.None);

    public Task<ExistenceCheckResult> ExistsAsync(string path, string? json = null, Operation operation = Operation.Update) =>
        Backend.HandleExistenceCheckAsync(Request(operation, path, json), CancellationToken.None);
}
