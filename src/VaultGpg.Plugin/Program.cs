using VaultGpg.Plugin;
using VaultGpg.PluginSdk.Hosting;

return await PluginServer.RunAsync(
    GpgBackendFactory.CreateAsync,
    new PluginServerOptions { PluginName = GpgBackendFactory.PluginName },
    CancellationToken.None).ConfigureAwait(false);
