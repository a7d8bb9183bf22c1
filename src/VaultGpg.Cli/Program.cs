using VaultGpg.Cli.Commands;
using VaultGpg.Cli.Hosting;

return await CliApplication.RunAsync(CliContext.FromProcess(), args, ProcessName.InvokedAs(), CancellationToken.None).ConfigureAwait(false);
