using System.CommandLine;
using System.Diagnostics;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Output;
using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Commands.Sign;

/// <summary><c>vaultgpg sign --key K [--armor] [--output-dir D] [--jobs N] [--log-proof] FILE...</c>: detached signatures for a file set.</summary>
internal sealed class SignCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var key = CommonOptions.Key();
        var mount = CommonOptions.Mount();
        var armor = new Option<bool>("--armor", "-a") { Description = "Write ASCII-armored FILE.asc instead of binary FILE.sig." };
        var outputDirectory = new Option<string?>("--output-dir", "-d") { Description = "Write signatures into this directory instead of next to each file." };
        var jobs = CommonOptions.Jobs("batch requests");
        var digest = CommonOptions.DigestAlgorithm();
        var threshold = new Option<long>("--hash-threshold")
        {
            Description = "Files larger than this many bytes are hashed locally and signed by hash state; smaller ones are sent.",
            DefaultValueFactory = _ => InputPreparation.DefaultHashThreshold,
        };
        var logProof = new Option<bool>("--log-proof")
        {
            Description = "Also write each signature's transparency-log proof beside it (SIG.tlog-proof); the mount's log must be on.",
        };
        var quiet = CommonOptions.Quiet();
        var files = new Argument<string[]>("FILE") { Description = "Files to sign.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("sign", "Sign files (detached signatures), in parallel batches.")
        {
            key, mount, armor, outputDirectory, jobs, digest, threshold, logProof, quiet, files,
        };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
        {
            var options = new FileSignOptions
            {
                Key = CommonOptions.RequireKey(parse, key, context.Environment),
                Armor = parse.GetValue(armor),
                OutputDirectory = parse.GetValue(outputDirectory),
                Jobs = CommonOptions.RequirePositive(parse, jobs),
                Hash = CommonOptions.Digest(parse, digest),
                HashThreshold = Math.Max(0, parse.GetValue(threshold)),
                LogProof = parse.GetValue(logProof),
            };
            return new SignCommand(context).RunAsync(options, parse.GetValue(mount), parse.GetValue(quiet), parse.GetValue(files)!, ct);
        }));
        return command;
    }

    public async Task<int> RunAsync(FileSignOptions options, string? mount, bool quiet, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(files);
        if (options.OutputDirectory is not null && !Directory.Exists(options.OutputDirectory))
        {
            throw new UsageException($"output directory \"{options.OutputDirectory}\" does not exist");
        }

        var client = context.ConnectMount(mount);
        var keyName = await new KeyResolver(client).NameOfAsync(options.Key, cancellationToken).ConfigureAwait(false);
        var signer = new FileSigner(client, options with { Key = keyName });
        var clashes = files.GroupBy(signer.SignaturePath, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (clashes.Count > 0)
        {
            throw new UsageException($"several files would get the same signature file: {string.Join(", ", clashes)}");
        }

        var started = Stopwatch.GetTimestamp();
        var outcomes = await SignReport.RunWithProgressAsync(
                context.Console, quiet, $"signing with {keyName}", files.Count, progress => signer.SignAsync(files, progress, cancellationToken))
            .ConfigureAwait(false);
        return SignReport.Finish(context.Console, quiet, "signed", outcomes, Stopwatch.GetElapsedTime(started));
    }
}
