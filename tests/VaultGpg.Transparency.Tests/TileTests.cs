using System.Text;
using VaultGpg.Transparency;

namespace VaultGpg.Transparency.Tests;

public sealed class TileTests
{
    [Theory]
    [InlineData(0L, "000")]
    [InlineData(5L, "005")]
    [InlineData(1000L, "x001/000")]
    [InlineData(1234067L, "x001/x234/067")]
    public void FormatIndex_WritesThreeDigitGroups(long index, string expected)
    {
        Assert.Equal(expected, TileId.FormatIndex(index));
        Assert.Equal(index, TileId.ParseIndex(expected));
    }

    [Theory]
    [InlineData("tile/0/x001/x234/067", 0, 1234067L, 256)]
    [InlineData("tile/2/000.p/1", 2, 0L, 1)]
    [InlineData("tile/entries/x001/000.p/255", -1, 1000L, 255)]
    public void Parse_ValidPaths_RoundTrip(string path, int level, long index, int width)
    {
        var tile = TileId.Parse(path);

        Assert.Equal(new TileId(level, index, width), tile);
        Assert.Equal(path, tile!.Value.Path);
    }

    [Theory]
    [InlineData("tile/0/1")]
    [InlineData("tile/00/000")]
    [InlineData("tile/64/000")]
    [InlineData("tile/0/001/000")]
    [InlineData("tile/0/x001")]
    [InlineData("tile/0/000.p/0")]
    [InlineData("tile/0/000.p/256")]
    [InlineData("tile/0/000.p/05")]
    [InlineData("tile/data/000")]
    [InlineData("tile/8/0/000")]
    public void Parse_MalformedPaths_AreRejected(string path)
    {
        Assert.Null(TileId.Parse(path));
    }

    [Fact]
    public void TilesAt_70000_IsTheSpecsExample()
    {
        // C2SP tlog-tiles: 273 full level 0 tiles, a partial one of width 112, one full level 1 tile, a partial level
        // 1 tile of width 17 and a partial level 2 tile of width 1 (plus the entry bundles, like level 0).
        var tiles = TileLayout.TilesAt(70_000);

        Assert.Equal(273, tiles.Count(t => t.Level == 0 && t.IsFull));
        Assert.Contains(new TileId(0, 273, 112), tiles);
        Assert.Contains(new TileId(1, 0, 256), tiles);
        Assert.Contains(new TileId(1, 1, 17), tiles);
        Assert.Contains(new TileId(2, 0, 1), tiles);
        Assert.Equal(274, tiles.Count(t => t.IsEntryBundle));
        Assert.Equal(274 + 274 + 2 + 1, tiles.Count);
    }

    [Fact]
    public void TilesAt_256_IsAFullTileAndALevelOneTileOfWidthOne()
    {
        Assert.Equal([new TileId(0, 0, 256), new TileId(-1, 0, 256), new TileId(1, 0, 1)], TileLayout.TilesAt(256));
    }

    [Fact]
    public void TilesChanged_Append_ListsOnlyTilesThatGrew()
    {
        Assert.Equal([new TileId(0, 1, 2), new TileId(-1, 1, 2)], TileLayout.TilesChanged(257, 258));
        Assert.Equal([new TileId(0, 0, 256), new TileId(-1, 0, 256), new TileId(1, 0, 1)], TileLayout.TilesChanged(255, 256));
    }

    [Fact]
    public void EntryBundle_RoundTripsAndRejectsTruncation()
    {
        byte[][] entries = [Encoding.ASCII.GetBytes("one"), [], new byte[300]];

        var bundle = EntryBundle.Encode(entries.Select(e => (ReadOnlyMemory<byte>)e));

        Assert.Equal([0, 3, (byte)'o', (byte)'n', (byte)'e', 0, 0, 1, 44], bundle[..9]);
        Assert.Equal(entries, EntryBundle.Decode(bundle));
        Assert.Throws<FormatException>(() => EntryBundle.Decode(bundle.AsSpan(0, bundle.Length - 1)));
    }
}
