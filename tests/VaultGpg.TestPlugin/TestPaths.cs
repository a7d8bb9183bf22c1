using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.TestPlugin;

/// <summary>
/// The composition root of the test-only plugin: a small path set that exercises the path framework through the real
/// host (routing, field validation, existence checks, list, help, storage, errors). It never ships.
/// </summary>
internal static class TestPaths
{
    public static BackendFactory Factory { get; } = CreateAsync;

    private const string BackendHelp = """
        A test-only secrets engine that proves the VaultGpg path framework through the plugin host.
        kv/ stores small JSON entries, echo returns its parsed fields, boom fails unexpectedly and
        readonly reports the storage's own error text; public/ needs no token and answers raw bodies.
        """;

    private static ValueTask<IBackend> CreateAsync(BackendConfig config, CancellationToken cancellationToken)
    {
        var backend = new FrameworkBackend(new FrameworkBackendOptions
        {
            Config = config,
            Help = BackendHelp,
            SpecialPaths = new SpecialPaths
            {
                SealWrapStorage = [PathKv.StoragePrefix],
                Unauthenticated = [PathPublic.UnauthenticatedPattern],
            },
            // The list path comes first: "kv/" must not be taken for an entry.
            Paths = [.. PathKv.Define(), PathEcho.Define(), PathBoom.Define(), PathReadonly.Define(), .. PathPublic.Define()],
        });
        return ValueTask.FromResult<IBackend>(backend);
    }
}
