using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Tests;

/// <summary>Reads the engine's log through its public paths, the way a tlog-tiles client does.</summary>
internal static class LogReader
{
    public static async Task<byte[]> RawAsync(TestBackend backend, string path)
    {
        var read = await backend.ReadAsync(path);
        Assert.True(read.Status(Operation.Read) == 200, $"{path}: {read}");
        Assert.Equal(200, read.Data["http_status_code"]!.GetValue<int>());
        return Convert.FromBase64String(read.Text("http_raw_body"));
    }

    public static async Task<string> VerifierKeyAsync(TestBackend backend) => Encoding.UTF8.GetString(await RawAsync(backend, "log/verifier-key")).Trim();

    public static async Task<SignedNote> CheckpointAsync(TestBackend backend) => SignedNote.Parse(await RawAsync(backend, "log/checkpoint"));

    /// <summary>The checkpoint and every tile and bundle it covers, written below a new directory in the tlog-tiles layout.</summary>
    public static Task<string> ExportAsync(TestBackend backend) => TlogJudge.DownloadLogAsync(path => RawAsync(backend, "log/" + path));

    /// <summary>The texts of the first <paramref name="count"/> entries (fewer than 256), from the partial entry bundle.</summary>
    public static async Task<IReadOnlyList<string>> EntriesAsync(TestBackend backend, int count)
    {
        var dir = await ExportAsync(backend);
        try
        {
            var bundle = await File.ReadAllBytesAsync(Path.Combine(dir, $"tile/entries/000.p/{count}"));
            return [.. EntryBundle.Decode(bundle).Select(Encoding.UTF8.GetString)];
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The checkpoint opens with the log key and the tiles the paths serve give its root.</summary>
    public static async Task<Checkpoint> OpenAndCheckAsync(TestBackend backend, INoteVerifier logKey)
    {
        var note = await CheckpointAsync(backend);
        Assert.Single(note.VerifiedBy([logKey]));
        var checkpoint = Checkpoint.Parse(note.Text);
        var reader = new TileNodeReader(checkpoint.Size, async (tile, _) => await RawAsync(backend, "log/" + tile.Path));
        Assert.Equal(checkpoint.RootHash, await MerkleProof.RootAsync(checkpoint.Size, reader, CancellationToken.None));
        return checkpoint;
    }
}
