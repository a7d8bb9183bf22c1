using System.Globalization;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Signing;

namespace VaultGpg.Cli.Output;

/// <summary>
/// How a batch command talks while working (a progress bar on a terminal, plain lines otherwise, nothing with
/// --quiet) and what it says at the end: every failed file by name, then a summary with counts and time.
/// </summary>
internal static class SignReport
{
    public static Task<IReadOnlyList<FileSignOutcome>> RunWithProgressAsync(
        CliConsole console, bool quiet, string description, int total, Func<ISignProgress?, Task<IReadOnlyList<FileSignOutcome>>> work)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(work);
        if (quiet)
        {
            return work(null);
        }

        return console.ErrorIsTerminal
            ? SpectreSignProgress.RunAsync<IReadOnlyList<FileSignOutcome>>(console.Error, description, total, p => work(p))
            : work(new PlainSignProgress(console.Error));
    }

    /// <summary>Writes failures and the summary; returns the exit code (1 when any file failed).</summary>
    public static int Finish(CliConsole console, bool quiet, string verb, IReadOnlyList<FileSignOutcome> outcomes, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(outcomes);
        var failed = outcomes.Where(o => !o.Succeeded).ToList();
        foreach (var failure in failed)
        {
            console.Error.WriteLine($"vaultgpg: FAILED {failure.File}: {failure.Error}");
        }

        var succeeded = outcomes.Count - failed.Count;
        var bytes = outcomes.Where(o => o.Succeeded).Sum(o => o.Bytes);
        if (!quiet || failed.Count > 0)
        {
            console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"vaultgpg: {verb} {succeeded} of {outcomes.Count} files ({FormatBytes(bytes)}) in {elapsed.TotalSeconds:0.00} s; {failed.Count} failed"));
        }

        return failed.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    internal static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
