using System.CommandLine;
using System.Diagnostics;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Output;
using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Vault;
using VaultGpg.OpenPgp;

namespace VaultGpg.Cli.Commands.RpmSign;

/// <summary>
/// <c>vaultgpg rpmsign [--jobs N] RPM...</c>: signs a package set with rpm's own <c>rpmsign --addsign</c>, which
/// calls gpg once per package, so rpm writes the signature header exactly as it always does; gpg is vaultgpg's gpg
/// mode. rpmsign is sequential, so the set is split over N rpmsign processes.
/// </summary>
internal sealed class RpmSignCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var key = CommonOptions.Key();
        var mount = CommonOptions.Mount();
        var jobs = CommonOptions.Jobs("rpmsign processes");
        var digest = CommonOptions.DigestAlgorithm();
        var gpgProgram = new Option<string?>("--gpg-program")
        {
            Description = "What rpmsign runs as gpg (%__gpg). Default: $VAULT_GPG_PROGRAM, else this vaultgpg executable (rpm starts it as \"gpg\", which selects gpg mode).",
        };
        var rpmsign = new Option<string>("--rpmsign") { Description = "The rpmsign program.", DefaultValueFactory = _ => "rpmsign" };
        var quiet = CommonOptions.Quiet();
        var packages = new Argument<string[]>("RPM") { Description = "Packages to sign in place.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("rpmsign", "Sign RPM packages in place through rpmsign, on several workers.")
        {
            key, mount, jobs, digest, gpgProgram, rpmsign, quiet, packages,
        };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
        {
            var settings = new RpmSignSettings(
                CommonOptions.RequireKey(parse, key, context.Environment),
                parse.GetValue(mount),
                CommonOptions.RequirePositive(parse, jobs),
                CommonOptions.Digest(parse, digest),
                parse.GetValue(gpgProgram) ?? context.Environment.Get("VAULT_GPG_PROGRAM") ?? DefaultGpgProgram(),
                parse.GetValue(rpmsign)!,
                parse.GetValue(quiet));
            return new RpmSignCommand(context).RunAsync(settings, parse.GetValue(packages)!, ct);
        }));
        return command;
    }

    public async Task<int> RunAsync(RpmSignSettings settings, IReadOnlyList<string> packages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(packages);

        // Resolved once here, so each gpg-mode process signs by name with a single request.
        var client = context.ConnectMount(settings.Mount);
        var keyName = await new KeyResolver(client).NameOfAsync(settings.Key, cancellationToken).ConfigureAwait(false);
        var runner = new RpmSignRunner(settings with { Key = keyName }, client.Mount);
        var chunks = BatchPlanner.Plan(packages.Select(_ => 0L).ToList(), settings.Jobs, long.MaxValue, int.MaxValue);

        var started = Stopwatch.GetTimestamp();
        var outcomes = await SignReport.RunWithProgressAsync(
                context.Console,
                settings.Quiet,
                $"rpmsign with {keyName}",
                packages.Count,
                async progress =>
                {
                    var results = new FileSignOutcome[packages.Count];
                    await Parallel.ForEachAsync(
                            chunks,
                            new ParallelOptions { MaxDegreeOfParallelism = settings.Jobs, CancellationToken = cancellationToken },
                            async (chunk, ct) =>
                            {
                                foreach (var (index, outcome) in await runner.SignChunkAsync(packages, chunk, ct).ConfigureAwait(false))
                                {
                                    results[index] = outcome;
                                    progress?.Completed(outcome);
                                }
                            })
                        .ConfigureAwait(false);
                    return (IReadOnlyList<FileSignOutcome>)results;
                })
            .ConfigureAwait(false);
        return SignReport.Finish(context.Console, settings.Quiet, "signed", outcomes, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>This executable when it is the published vaultgpg (not `dotnet vaultgpg.dll`).</summary>
    private static string DefaultGpgProgram()
    {
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileName(self).StartsWith("vaultgpg", StringComparison.Ordinal)
            ? self
            : throw new UsageException("cannot tell which program rpmsign should run as gpg: pass --gpg-program (e.g. build/gpg-shim) or set VAULT_GPG_PROGRAM");
    }
}
