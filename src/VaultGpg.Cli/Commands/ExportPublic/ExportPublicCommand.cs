using System.CommandLine;
using System.Text;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Commands.ExportPublic;

/// <summary><c>vaultgpg export-public --key K [-o FILE]</c>: the armored public key, for gpg --import and rpmkeys --import.</summary>
internal sealed class ExportPublicCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var key = CommonOptions.Key();
        var mount = CommonOptions.Mount();
        var output = CommonOptions.Output("Write the key to this file instead of stdout.");
        var command = new Command("export-public", "Print a key's armored public key.") { key, mount, output };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
            new ExportPublicCommand(context).RunAsync(CommonOptions.RequireKey(parse, key, context.Environment), parse.GetValue(mount), parse.GetValue(output), ct)));
        return command;
    }

    public async Task<int> RunAsync(string key, string? mount, string? output, CancellationToken cancellationToken)
    {
        var client = context.ConnectMount(mount);
        var export = await new KeyResolver(client)
            .WithKeyAsync(key, name => client.ExportPublicAsync(name, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        var armored = export.PublicKey ?? throw new VaultException("Vault returned no public_key");
        await OutputWriter.WriteAsync(context.Console, output ?? "-", Encoding.ASCII.GetBytes(armored), cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
