using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Gate;
using VaultGpg.Engine.Keys;
using VaultGpg.Engine.Log;
using VaultGpg.Engine.Paths;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine;

/// <summary>
/// The GPG secrets engine: composes the path families over one key store per mount. Handlers live in Paths/, key
/// storage in Keys/, OpenPGP in VaultGpg.OpenPgp.
/// </summary>
public static class GpgBackend
{
    /// <summary>Builds the engine for one mount. Touches neither storage nor the system view (Vault's registration
    /// probe calls this without them).</summary>
    public static ValueTask<IBackend> Factory(BackendConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var time = config.TimeProvider;
        var logs = config.LoggerFactory;
        var keys = new KeyStore(time);
        var signer = new OpenPgpSigner(time);
        var transparency = new TransparencyLog();
        var keyEvents = new KeyEvents(transparency, time);
        var gateEvents = new GateEvents(transparency, time);

        // Route order: the first matching pattern wins. keys/:name/config and keys/:name/subkeys... cannot be matched
        // by keys/:name (names contain no '/', and patterns are anchored), so the order below is for reading, not for
        // correctness.
        PathDefinition[] paths =
        [
            .. PathKeys.Define(new PathKeys(keys, keyEvents, time, logs.CreateLogger<PathKeys>())),
            .. PathKeysConfig.Define(new PathKeysConfig(keys, keyEvents, logs.CreateLogger<PathKeysConfig>())),
            .. PathSubkeys.Define(new PathSubkeys(keys, keyEvents, time, logs.CreateLogger<PathSubkeys>())),
            .. PathKeyRevoke.Define(new PathKeyRevoke(keys, keyEvents, time, logs.CreateLogger<PathKeyRevoke>())),
            .. PathKeyCertify.Define(new PathKeyCertify(keys, keyEvents, time, logs.CreateLogger<PathKeyCertify>())),
            .. PathKeyExpiry.Define(new PathKeyExpiry(keys, keyEvents, time, logs.CreateLogger<PathKeyExpiry>())),
            .. PathKeyRotate.Define(new PathKeyRotate(keys, keyEvents, time, logs.CreateLogger<PathKeyRotate>())),
            .. PathExport.Define(new PathExport(keys, logs.CreateLogger<PathExport>(), time)),
            .. PathKeysPolicy.Define(new PathKeysPolicy(keys, gateEvents, logs.CreateLogger<PathKeysPolicy>())),
            .. PathKeysAttest.Define(new PathKeysAttest(keys, gateEvents, time, logs.CreateLogger<PathKeysAttest>())),
            .. PathSignVerify.Define(new PathSignVerify(keys, signer, transparency, gateEvents, time, logs.CreateLogger<PathSignVerify>())),
            .. PathDecrypt.Define(new PathDecrypt(keys, logs.CreateLogger<PathDecrypt>())),
            .. PathLogConfig.Define(new PathLogConfig(transparency, logs.CreateLogger<PathLogConfig>())),
            .. PathLogTiles.Define(new PathLogTiles()),
            .. PathLogCosignatures.Define(new PathLogCosignatures(transparency, logs.CreateLogger<PathLogCosignatures>())),
            .. PathLogProofs.Define(new PathLogProofs()),
        ];

        IBackend backend = new FrameworkBackend(new FrameworkBackendOptions
        {
            Config = config,
            Paths = paths,
            Help = BackendHelp,
            SpecialPaths = new SpecialPaths
            {
                SealWrapStorage = [KeyStore.StoragePrefix, RevocationCertificates.StoragePrefix, LogStorage.KeyKey],
                Unauthenticated = PathLogTiles.Unauthenticated,
            },
            Invalidate = (storageKey, _) =>
            {
                keys.Invalidate(storageKey);
                transparency.Invalidate(storageKey);
                return Task.CompletedTask;
            },
            Cleanup = _ =>
            {
                keys.Dispose();
                return Task.CompletedTask;
            },
        });
        return ValueTask.FromResult(backend);
    }

    private const string BackendHelp = """
        The GPG secrets engine keeps OpenPGP keys in Vault and signs with them, so that no person and no build agent
        holds a release key. Generate or import keys under keys/, sign with sign/ (detached or cleartext, single or
        batched, or from a client-computed hash state for large files), verify with verify/, decrypt with decrypt/.
        Public keys are read from export-public/; secret keys leave Vault only through export/ and only when a key was
        made exportable. Its API is a compatible superset of the vault-gpg-plugin Go plugin's.
        """;
}
