using System.Text;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Tests.Transparency;

public sealed class LogHttpReaderTests
{
    private const string Origin = "vault.test/v1/gpg/log";

    [Fact]
    public async Task NodeReader_AllTilesServed_GivesTheTreesRootWithoutAToken()
    {
        var (tree, log) = Serve(300, 300);

        var root = await MerkleProof.RootAsync(300, Reader(log).NodeReader(300), CancellationToken.None);

        Assert.Equal(tree.Root(300), root);
        Assert.Contains("gpg/log/tile/0/001.p/44", log.Asked);
        Assert.False(log.TokenSent);
    }

    [Fact]
    public async Task NodeReader_PartialTileGone_CutsItFromTheFullTile()
    {
        var (tree, log) = Serve(512, 300);
        Assert.DoesNotContain("gpg/log/tile/0/001.p/44", log.Files.Keys);
        Assert.Contains("gpg/log/tile/1/000.p/1", log.Files.Keys);

        var root = await MerkleProof.RootAsync(300, Reader(log).NodeReader(300), CancellationToken.None);

        Assert.Equal(tree.Root(300), root);
        Assert.Equal(["gpg/log/tile/0/001.p/44", "gpg/log/tile/0/001"], log.Asked.Where(p => p.StartsWith("gpg/log/tile/0/001", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NodeReader_SecondProof_ReadsEachTileOnce()
    {
        var (_, log) = Serve(300, 300);
        var reader = Reader(log);

        await MerkleProof.ProveInclusionAsync(3, 300, reader.NodeReader(300), CancellationToken.None);
        await MerkleProof.ProveInclusionAsync(290, 300, reader.NodeReader(300), CancellationToken.None);

        Assert.Equal(log.Asked.Distinct().Count(), log.Asked.Count);
    }

    [Fact]
    public async Task ReadEntriesAsync_PartialBundleGone_TakesTheFirstEntriesOfTheFullOne()
    {
        var (_, log) = Serve(512, 300);

        var entries = await Reader(log).ReadEntriesAsync(1, 44, CancellationToken.None);

        Assert.Equal(44, entries.Count);
        Assert.Equal("entry 256", Encoding.UTF8.GetString(entries[0]));
        Assert.Equal("entry 299", Encoding.UTF8.GetString(entries[^1]));
    }

    [Fact]
    public async Task ReadEntriesAsync_BundleMissing_Throws()
    {
        var (_, log) = Serve(300, 300);

        await Assert.ThrowsAsync<InvalidDataException>(() => Reader(log).ReadEntriesAsync(2, 1, CancellationToken.None));
    }

    [Fact]
    public async Task ReadCheckpointAsync_ReadsTheNoteOrNullBeforeTheLogExists()
    {
        var (tree, log) = Serve(300, 300);
        var signer = Ed25519NoteSigner.Generate(Origin);
        var note = SignedNote.Sign(new Checkpoint(Origin, 300, tree.Root(300)).Body, signer);
        log.Files["gpg/log/checkpoint"] = note.ToBytes();

        var read = await Reader(log).ReadCheckpointAsync(CancellationToken.None);

        Assert.Equal(note.ToString(), read!.ToString());
        Assert.Single(read.VerifiedBy([signer.Verifier]));
        Assert.Null(await Reader(log).ReadCosignedCheckpointAsync(CancellationToken.None));
    }

    /// <summary>Every tile and bundle of a tree of <paramref name="size"/> and of <paramref name="olderSize"/>, but the level-0 ones of the older size that are partial.</summary>
    private static (InMemoryTree Tree, StaticLog Log) Serve(int size, int olderSize)
    {
        var tree = new InMemoryTree();
        var entries = Enumerable.Range(0, size).Select(i => Encoding.UTF8.GetBytes($"entry {i}")).ToList();
        entries.ForEach(e => tree.AppendEntry(e));
        var log = new StaticLog();
        foreach (var tile in TileLayout.TilesAt(size).Concat(TileLayout.TilesAt(olderSize).Where(t => size == olderSize || t.IsFull || t.Level > 0)).Distinct())
        {
            log.Files["gpg/log/" + tile.Path] = tile.IsEntryBundle
                ? EntryBundle.Encode(entries.Skip((int)tile.Index * TileLayout.Width).Take(tile.Width).Select(e => (ReadOnlyMemory<byte>)e))
                : tree.Tile(tile);
        }

        return (tree, log);
    }

    private static VaultGpg.Cli.Transparency.LogHttpReader Reader(StaticLog log)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["VAULT_ADDR"] = "http://vault.test:8200" };
        var context = new CliContext(CliConsole.FromProcess(), new CliEnvironment(environment, null), TimeProvider.System, _ => log);
        return context.ConnectLog();
    }
}
