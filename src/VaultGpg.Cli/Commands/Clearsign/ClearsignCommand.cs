using System.CommandLine;
using System.Text;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Commands.Clearsign;

/// <summary><c>vaultgpg clearsign --key K [-o OUT] FILE|-</c>: a cleartext signature (an apt InRelease from Release).</summary>
internal sealed class ClearsignCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var key = CommonOptions.Key();
        var mount = CommonOptions.Mount();
        var output = CommonOptions.Output("Where to write the signed text; - for stdout. Default: FILE.asc (stdout for -).");
        var digest = CommonOptions.DigestAlgorithm();
        var file = new Argument<string>("FILE") { Description = "The text to sign; - reads stdin." };
        var command = new Command("clearsign", "Make a cleartext-signed copy of a text file (apt InRelease).") { key, mount, output, digest, file };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
            new ClearsignCommand(context).RunAsync(
                CommonOptions.RequireKey(parse, key, context.Environment), parse.GetValue(mount), CommonOptions.Digest(parse, digest), parse.GetValue(file)!, parse.GetValue(output), ct)));
        return command;
    }

    public async Task<int> RunAsync(string key, string? mount, OpenPgp.HashAlgorithm hash, string file, string? output, CancellationToken cancellationToken)
    {
        byte[] text;
        if (file == "-")
        {
            using var buffer = new MemoryStream();
            var stdin = context.Console.OpenStandardInput();
            await using (stdin.ConfigureAwait(false))
            {
                await stdin.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            text = buffer.ToArray();
        }
        else
        {
            text = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        }

        var client = context.ConnectMount(mount);
        var request = new SignRequest { Input = Convert.ToBase64String(text), Mode = "clearsign", Algorithm = DigestNames.ToVault(hash) };
        var result = await new KeyResolver(client)
            .WithKeyAsync(key, name => client.SignAsync(name, request, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        var signed = Encoding.UTF8.GetBytes(result.SignedMessage ?? throw new VaultException("Vault returned no signed_message"));
        await OutputWriter.WriteAsync(context.Console, output ?? (file == "-" ? "-" : file + ".asc"), signed, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
