using VaultGpg.Engine;
using VaultGpg.PluginSdk.Hosting;
using VaultGpg.PluginSdk.Hosting.Server;

// The executable Vault launches: the generic plugin host serving the GPG engine, one backend per mount.
// First of all, before any key can be in memory: no diagnostic socket, not dumpable.
ProcessHardening.Apply(args);
return await PluginServer.RunAsync(
    GpgBackend.Factory,
    new PluginServerOptions { PluginName = "vault-plugin-secrets-gpg" },
    CancellationToken.None).ConfigureAwait(false);
