using System.Text;
using VaultGpg.Transparency;

namespace VaultGpg.TestSupport;

/// <summary>
/// Go's own transparency-log code (tests/tlog-judge on Debian's golang-golang-x-mod-dev) as the judge of our log.
/// The binary is built by build/build-tlog-judge.sh, which this class runs once per test process when it is missing.
/// </summary>
public static class TlogJudge
{
    private static readonly Lazy<Task<string>> Binary = new(BuildAsync);

    /// <summary>Null when Go is on PATH, else a skip reason.</summary>
    public static string? MissingReason =>
        ExternalProcess.IsOnPath("go") ? null : "go is not on PATH (install golang-go and golang-golang-x-mod-dev to run the Go judge)";

    /// <summary>Checkpoint, tiles and entry bundles in <paramref name="directory"/> (tlog-tiles layout).</summary>
    public static Task<ProcessResult> CheckLogAsync(string verifierKey, string directory) => RunAsync("check-log", "-vkey", verifierKey, directory);

    /// <summary>Every <c>NAME.tlog-proof</c> in <paramref name="directory"/> against <c>NAME.entry</c>.</summary>
    public static Task<ProcessResult> CheckProofsAsync(string verifierKey, string directory) => RunAsync("check-proofs", "-vkey", verifierKey, directory);

    /// <summary>Every <c>NAME.proof</c> in <paramref name="directory"/> between the signed checkpoints <c>NAME.old</c> and <c>NAME.new</c>.</summary>
    public static Task<ProcessResult> CheckConsistencyAsync(string verifierKey, string directory) =>
        RunAsync("check-consistency", "-vkey", verifierKey, directory);

    /// <summary>A log of <paramref name="entries"/> entries made by Go in <paramref name="directory"/>, with proofs.</summary>
    public static Task<ProcessResult> MakeLogAsync(string origin, long entries, string directory) =>
        RunAsync("make", "-name", origin, "-n", entries.ToString(System.Globalization.CultureInfo.InvariantCulture), directory);

    /// <summary>
    /// The checkpoint and every tile and entry bundle it covers, read with <paramref name="read"/> (given a path below
    /// the log's prefix: <c>checkpoint</c>, <c>tile/0/000</c>, ...) the way a tlog-tiles client does, and written below
    /// a new directory in the tlog-tiles layout for <see cref="CheckLogAsync"/>.
    /// </summary>
    public static async Task<string> DownloadLogAsync(Func<string, Task<byte[]>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var dir = TemporaryDirectory.CreateShort("tlog");
        var checkpoint = await read("checkpoint").ConfigureAwait(false);
        WriteFile(dir, "checkpoint", checkpoint);
        var size = Checkpoint.Parse(SignedNote.Parse(checkpoint).Text).Size;
        foreach (var tile in TileLayout.TilesAt(size))
        {
            WriteFile(dir, tile.Path, await read(tile.Path).ConfigureAwait(false));
        }

        return dir;
    }

    /// <summary>Writes one tlog-tiles file below <paramref name="root"/>, creating its directories.</summary>
    public static void WriteFile(string root, string relativePath, ReadOnlySpan<byte> data)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data.ToArray());
    }

    public static void WriteFile(string root, string relativePath, string text) => WriteFile(root, relativePath, Encoding.UTF8.GetBytes(text));

    private static async Task<ProcessResult> RunAsync(params string[] arguments)
    {
        var binary = await Binary.Value.ConfigureAwait(false);
        return await ExternalProcess.RunAsync(binary, arguments).ConfigureAwait(false);
    }

    private static async Task<string> BuildAsync()
    {
        var binary = Path.Combine(DevHostPaths.RepositoryRoot, "artifacts", "bin", "tlog-judge");
        var source = Path.Combine(DevHostPaths.RepositoryRoot, "tests", "tlog-judge", "main.go");
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source))
        {
            return binary;
        }

        var script = Path.Combine(DevHostPaths.RepositoryRoot, "build", "build-tlog-judge.sh");
        var result = await ExternalProcess.RunAsync(script, [], timeout: TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        return result.ExitCode == 0
            ? binary
            : throw new InvalidOperationException($"build/build-tlog-judge.sh failed: {result.Stderr}");
    }
}
