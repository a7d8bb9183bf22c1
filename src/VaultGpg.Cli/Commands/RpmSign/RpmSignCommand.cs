using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Output;
using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Commands.RpmSign;

/// <summary>
/// <c>vaultgpg rpmsign [--rpmv6] [--jobs N] RPM...</c>: signs a package set in place. Natively by default: reads each
/// package's headers, signs every main header in one batch request (per 5000) and writes the signature header itself,
/// as rpmsign 4.18 would (<see cref="NativeRpmSigner"/>); no rpm, no gpg. <c>--via-rpmsign</c> keeps the old route:
/// rpm's own <c>rpmsign --addsign</c> with vaultgpg as %__gpg, split over N rpmsign processes.
/// </summary>
internal sealed class RpmSignCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var key = CommonOptions.Key();
        var mount = CommonOptions.Mount();
        var jobs = CommonOptions.Jobs("requests (or rpmsign processes with --via-rpmsign)");
        var digest = CommonOptions.DigestAlgorithm();
        var rpmV6 = new Option<bool>("--rpmv6")
        {
            Description = "Also write rpm 6's OPENPGP signature tag (278), as rpm 6's rpmsign --rpmv6 does; rpm 4.18 ignores it. Needed for ECDSA keys, which then get only that tag (verifiable by rpm 6; rpm >= 4.20 imports the key).",
        };
        var resign = new Option<bool>("--resign", "--addsign")
        {
            Description = "Accepted for rpmsign's sake; as in rpmsign 4.18 both mean: replace existing signatures, skip a package already signed identically (same key, hash and algorithm).",
        };
        var viaRpmSign = new Option<bool>("--via-rpmsign")
        {
            Description = "Sign through rpm's rpmsign with vaultgpg as %__gpg (one gpg-mode process per package), for packages the native path refuses.",
        };
        var sendHeaders = new Option<bool>("--send-headers") { Description = "Send main headers instead of their hash states (for measuring).", Hidden = true };
        var gpgProgram = new Option<string?>("--gpg-program")
        {
            Description = "With --via-rpmsign: what rpmsign runs as gpg (%__gpg). Default: $VAULT_GPG_PROGRAM, else this vaultgpg executable (rpm starts it as \"gpg\", which selects gpg mode).",
        };
        var rpmsign = new Option<string>("--rpmsign") { Description = "With --via-rpmsign: the rpmsign program.", DefaultValueFactory = _ => "rpmsign" };
        var quiet = CommonOptions.Quiet();
        var packages = new Argument<string[]>("RPM") { Description = "Packages to sign in place.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("rpmsign", "Sign RPM packages in place: natively in one batch request, or through rpmsign.")
        {
            key, mount, jobs, digest, rpmV6, resign, viaRpmSign, sendHeaders, gpgProgram, rpmsign, quiet, packages,
        };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
        {
            var via = parse.GetValue(viaRpmSign);
            var settings = new RpmSignSettings(
                CommonOptions.RequireKey(parse, key, context.Environment),
                parse.GetValue(mount),
                CommonOptions.RequirePositive(parse, jobs),
                CommonOptions.Digest(parse, digest),
                via ? parse.GetValue(gpgProgram) ?? context.Environment.Get("VAULT_GPG_PROGRAM") ?? DefaultGpgProgram() : "",
                parse.GetValue(rpmsign)!,
                parse.GetValue(quiet))
            {
                ViaRpmSign = via,
                RpmV6 = parse.GetValue(rpmV6),
                SendHeaders = parse.GetValue(sendHeaders),
            };
            if (settings.ViaRpmSign && settings.RpmV6)
            {
                throw new UsageException("--rpmv6 is a native-path option (rpm 4.18's rpmsign cannot write tag 278)");
            }

            return new RpmSignCommand(context).RunAsync(settings, parse.GetValue(packages)!, ct);
        }));
        return command;
    }

    public async Task<int> RunAsync(RpmSignSettings settings, IReadOnlyList<string> packages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(packages);

        // A package named twice would be read twice and its second write refused as "changed while signing".
        var twice = packages.GroupBy(Path.GetFullPath, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.First()).ToList();
        if (twice.Count > 0)
        {
            throw new UsageException($"packages named more than once: {string.Join(", ", twice)}");
        }

        // Resolved once here, so every request (or each gpg-mode process) signs by name.
        var client = context.ConnectMount(settings.Mount);
        var (keyName, facts) = await new KeyResolver(client).ReadAsync(settings.Key, cancellationToken).ConfigureAwait(false);
        if (facts is not null && RpmSignatureKind.IsEcdsa(facts) && (settings.ViaRpmSign || !settings.RpmV6))
        {
            throw new UsageException($"key \"{keyName}\": {RpmSignatureKind.EcdsaRefusal}");
        }

        var started = Stopwatch.GetTimestamp();
        if (settings.ViaRpmSign)
        {
            var outcomes = await SignViaRpmSignAsync(settings with { Key = RpmMacroValue.KeyName(keyName) }, client.Mount, packages, cancellationToken).ConfigureAwait(false);
            return SignReport.Finish(context.Console, settings.Quiet, "signed", outcomes, Stopwatch.GetElapsedTime(started));
        }

        var signer = new NativeRpmSigner(client, settings with { Key = keyName });
        var signed = await SignReport.RunWithProgressAsync(
                context.Console, settings.Quiet, $"signing RPMs with {keyName}", packages.Count, progress => signer.SignAsync(packages, progress, cancellationToken))
            .ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (!settings.Quiet)
        {
            var t = signer.Timings;
            context.Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"vaultgpg: read {t.Read.TotalSeconds:0.000} s, {t.RequestCount} request(s) {t.Requests.TotalSeconds:0.000} s, write {t.Write.TotalSeconds:0.000} s"));
        }

        return SignReport.Finish(context.Console, settings.Quiet, "signed", signed, elapsed);
    }

    private Task<IReadOnlyList<FileSignOutcome>> SignViaRpmSignAsync(RpmSignSettings settings, string mount, IReadOnlyList<string> packages, CancellationToken cancellationToken)
    {
        var runner = new RpmSignRunner(settings, mount);
        var chunks = BatchPlanner.Plan(packages.Select(_ => 0L).ToList(), settings.Jobs, long.MaxValue, int.MaxValue);
        return SignReport.RunWithProgressAsync(
            context.Console,
            settings.Quiet,
            $"rpmsign with {settings.Key}",
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
            });
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
