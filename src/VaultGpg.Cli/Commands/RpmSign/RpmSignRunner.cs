using System.Diagnostics;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Signing;

namespace VaultGpg.Cli.Commands.RpmSign;

/// <summary>
/// Runs <c>rpmsign --addsign</c> on a chunk of packages with vaultgpg as %__gpg. When a chunk fails, its packages
/// are signed again one by one so that the failure names the package (rpmsign keeps a package it could not sign
/// unchanged, and re-signing one that was signed is harmless). A failure carries what rpmsign printed, stderr and
/// stdout (rpm's own "error: ..." lines and the gpg-mode child's message naming Vault's answer).
/// </summary>
internal sealed class RpmSignRunner(RpmSignSettings settings, string mount)
{
    public async Task<IReadOnlyList<(int Index, FileSignOutcome Outcome)>> SignChunkAsync(
        IReadOnlyList<string> packages, IReadOnlyList<int> chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(chunk);
        var (exitCode, errors) = await RunAsync([.. chunk.Select(i => packages[i])], cancellationToken).ConfigureAwait(false);
        if (exitCode == 0)
        {
            return [.. chunk.Select(i => (i, Signed(packages[i])))];
        }

        if (chunk.Count == 1)
        {
            return [(chunk[0], Failed(packages[chunk[0]], exitCode, errors))];
        }

        var outcomes = new List<(int, FileSignOutcome)>(chunk.Count);
        foreach (var index in chunk)
        {
            var (code, error) = await RunAsync([packages[index]], cancellationToken).ConfigureAwait(false);
            outcomes.Add((index, code == 0 ? Signed(packages[index]) : Failed(packages[index], code, error)));
        }

        return outcomes;
    }

    /// <summary>The rpmsign command line (also what the README documents for doing this by hand).</summary>
    internal IReadOnlyList<string> Arguments(IReadOnlyList<string> packages) =>
    [
        "--addsign",
        "--define", "__gpg " + settings.GpgProgram,
        "--define", "_gpg_name " + settings.Key,
        "--define", "_gpg_digest_algo " + DigestNames.Id(settings.Hash),
        "--",
        .. packages,
    ];

    private async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(settings.RpmSignProgram)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(packages))
        {
            start.ArgumentList.Add(argument);
        }

        // The gpg-mode children read the same Vault settings; the mount may have come from --mount.
        start.Environment["VAULT_GPG_MOUNT"] = mount;
        using var process = StartProcess(start);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var output = string.Join('\n', new[] { await stderr.ConfigureAwait(false), await stdout.ConfigureAwait(false) }
            .Select(text => text.Trim())
            .Where(text => text.Length > 0));
        return (process.ExitCode, output);
    }

    private static Process StartProcess(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new UsageException($"could not start {start.FileName}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UsageException($"cannot run {start.FileName}: {e.Message} (is rpm installed? see --rpmsign)");
        }
    }

    private static FileSignOutcome Signed(string package) => new(package, Size(package), package, null);

    private static FileSignOutcome Failed(string package, int exitCode, string output) =>
        new(package, Size(package), null, $"rpmsign exited {exitCode}: {(output.Length == 0 ? "(no output)" : output.ReplaceLineEndings(" | "))}");

    private static long Size(string package)
    {
        var info = new FileInfo(package);
        return info.Exists ? info.Length : 0;
    }
}
