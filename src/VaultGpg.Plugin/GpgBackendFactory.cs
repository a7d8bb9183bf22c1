using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Plugin;

/// <summary>
/// Builds the backend for each mount. The GPG engine and its paths come in a later step; until then the backend
/// answers help (with its OpenAPI document) for the mount root and 404 for everything else.
/// </summary>
internal static class GpgBackendFactory
{
    public const string PluginName = "vault-plugin-secrets-gpg";

    public static ValueTask<IBackend> CreateAsync(BackendConfig config, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IBackend>(new FrameworkBackend(new FrameworkBackendOptions
        {
            Config = config,
            Paths = [],
            Help = BackendHelp,
        }));

    private const string BackendHelp =
        "The GPG secrets engine keeps OpenPGP keys in Vault and signs, verifies and decrypts with them, "
        + "so the private keys never leave Vault.";
}
