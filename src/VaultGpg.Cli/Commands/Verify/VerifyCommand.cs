using System.CommandLine;
using System.Text;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Vault;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.Cli.Commands.Verify;

/// <summary>
/// <c>vaultgpg verify --key K [--signature SIG] FILE...</c>: asks Vault whether each file's detached signature
/// (FILE.sig or FILE.asc unless named) is valid for the key. Exit 1 when any is not.
/// </summary>
internal sealed class VerifyCommand(CliContext context)
{
    /// <summary>Verification sends the data itself; beyond this, verifying locally with gpg is the better tool.</summary>
    internal const long MaxFileBytes = 16 * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var key = CommonOptions.Key();
        var mount = CommonOptions.Mount();
        var signature = new Option<string?>("--signature", "-s") { Description = "The signature file (only with one FILE). Default: FILE.sig, else FILE.asc." };
        var files = new Argument<string[]>("FILE") { Description = "Signed files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("verify", "Verify detached signatures with a key in Vault.") { key, mount, signature, files };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
            new VerifyCommand(context).RunAsync(
                CommonOptions.RequireKey(parse, key, context.Environment), parse.GetValue(mount), parse.GetValue(signature), parse.GetValue(files)!, ct)));
        return command;
    }

    public async Task<int> RunAsync(string key, string? mount, string? signature, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (signature is not null && files.Count != 1)
        {
            throw new UsageException("--signature names the signature of one file; give exactly one FILE");
        }

        var items = new List<VerifyBatchItem>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                throw new UsageException($"{file} is larger than {MaxFileBytes >> 20} MiB; verify it locally: vaultgpg export-public | gpg --import, then gpg --verify");
            }

            var signatureFile = signature ?? DefaultSignature(file);
            var data = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            var packet = await ReadSignatureAsync(signatureFile, cancellationToken).ConfigureAwait(false);
            items.Add(new VerifyBatchItem(Convert.ToBase64String(data), Convert.ToBase64String(packet), null, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var client = context.ConnectMount(mount);
        var request = new VerifyRequest { BatchInput = items, Format = "base64" };
        var results = await new KeyResolver(client)
            .WithKeyAsync(key, name => client.VerifyBatchAsync(name, request, cancellationToken), cancellationToken)
            .ConfigureAwait(false);

        var bad = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var result = results[i];
            if (result is { Valid: true, Error: null })
            {
                await context.Console.Out.WriteLineAsync($"{files[i]}: good signature from key {result.KeyId} ({result.Hash}, made {result.CreatedAt})").ConfigureAwait(false);
            }
            else
            {
                bad++;
                var why = result.Error ?? (result.Reason is null ? null : $"{result.Status}: {result.Reason}");
                await context.Console.Out.WriteLineAsync($"{files[i]}: BAD signature{(why is null ? "" : ": " + why)}").ConfigureAwait(false);
            }
        }

        return bad == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string DefaultSignature(string file) =>
        File.Exists(file + ".sig") ? file + ".sig"
        : File.Exists(file + ".asc") ? file + ".asc"
        : throw new UsageException($"no signature for {file}: neither {file}.sig nor {file}.asc exists (use --signature)");

    /// <summary>Binary or armored, as gpg accepts both; Vault gets the binary packet.</summary>
    private static async Task<byte[]> ReadSignatureAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return bytes.AsSpan().StartsWith("-----BEGIN PGP"u8) ? Armor.Decode(Encoding.ASCII.GetString(bytes)) : bytes;
    }
}
