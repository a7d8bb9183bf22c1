using System.Globalization;
using System.Text;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Transparency.Tests;

/// <summary>A log built with the library in memory, written out in the tlog-tiles layout for the Go judge.</summary>
public sealed class LibraryLog
{
    public const string Origin = "example.com/vaultgpg-test";

    public LibraryLog()
    {
        for (var i = 0; i < Size; i++)
        {
            var entry = Encoding.ASCII.GetBytes($"{Origin}/test/v1\nindex {i}\n{new string('y', i % 41)}\n");
            Entries.Add(entry);
            Tree.AppendEntry(entry);
        }
    }

    public const int Size = 70_001;

    public InMemoryTree Tree { get; } = new();

    public List<byte[]> Entries { get; } = [];

    public Ed25519NoteSigner Signer { get; } = Ed25519NoteSigner.Generate(Origin);

    public SignedNote CheckpointAt(long size) => SignedNote.Sign(new Checkpoint(Origin, size, Tree.Root(size)).Body, Signer);

    /// <summary>Checkpoint, tiles and entry bundles of the first <paramref name="size"/> entries.</summary>
    public string WriteDirectory(long size)
    {
        var dir = TemporaryDirectory.CreateShort("tlog");
        TlogJudge.WriteFile(dir, "checkpoint", CheckpointAt(size).ToString());
        foreach (var tile in TileLayout.TilesAt(size))
        {
            var data = tile.IsEntryBundle
                ? EntryBundle.Encode(Entries.Skip((int)(tile.Index * TileLayout.Width)).Take(tile.Width).Select(e => (ReadOnlyMemory<byte>)e))
                : Tree.Tile(tile);
            TlogJudge.WriteFile(dir, tile.Path, data);
        }

        return dir;
    }

    public static string Name(long value) => value.ToString(CultureInfo.InvariantCulture);
}
