using VaultGpg.Engine;
using VaultGpg.PluginSdk.Hosting;

// The executable Vault launches: the generic plugin host serving the GPG engine, one backend per mount.
return await PluginServer.RunAsync(
    GpgBackend.Factory,
    new PluginServerOptions { PluginName = "vault-plugin-secrets-gpg" },
    CancellationToken.None).ConfigureAwait(false);
