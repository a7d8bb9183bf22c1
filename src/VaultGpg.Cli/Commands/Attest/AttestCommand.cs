using System.CommandLine;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Commands.Attest;

/// <summary>
/// <c>vaultgpg attest --key K FILE...</c>: posts builders' in-toto link files (in-toto-run) or DSSE envelopes to the
/// key's build gate (<c>keys/K/attest</c>), one request per file. Exit 1 when Vault refuses any (each is named).
/// </summary>
internal sealed class AttestCommand(CliContext context)
{
    /// <summary>The engine reads at most 1 MiB per attestation.</summary>
    internal const long MaxFileBytes = 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var key = CommonOptions.Key();
        var mount = CommonOptions.Mount();
        var files = new Argument<string[]>("FILE") { Description = "in-toto link files or DSSE envelopes.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("attest", "Post builders' in-toto attestations (link files, DSSE envelopes) to a key's build gate.") { key, mount, files };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
            new AttestCommand(context).RunAsync(CommonOptions.RequireKey(parse, key, context.Environment), parse.GetValue(mount), parse.GetValue(files)!, ct)));
        return command;
    }

    public async Task<int> RunAsync(string key, string? mount, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var client = context.ConnectMount(mount);
        var resolver = new KeyResolver(client);
        var failed = 0;
        foreach (var file in files)
        {
            string? error;
            try
            {
                if (new FileInfo(file).Length > MaxFileBytes)
                {
                    throw new IOException($"larger than {MaxFileBytes >> 20} MiB, more than Vault reads");
                }

                var document = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                var request = new AttestRequest(Convert.ToBase64String(document));
                var result = await resolver.WithKeyAsync(key, name => client.AttestAsync(name, request, cancellationToken), cancellationToken).ConfigureAwait(false);
                var artifacts = string.Join(", ", (result.Artifacts ?? []).Select(a => a.Sha256 is { } sha256 ? $"{a.Name} sha256:{sha256}" : $"{a.Name} sha512:{a.Sha512}"));
                await context.Console.Out.WriteLineAsync($"attested {file}: by {string.Join(", ", result.Builders ?? [])}: {artifacts}").ConfigureAwait(false);
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = "cannot read: " + e.Message;
            }
            catch (VaultException e)
            {
                error = e.Message;
            }

            failed++;
            await context.Console.Error.WriteLineAsync($"vaultgpg: FAILED {file}: {error}").ConfigureAwait(false);
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
