namespace VaultGpg.Transparency;

/// <summary>
/// Where the hashes of a tree live in C2SP tlog-tiles: tiles of height 8, so tile level L holds the tree's hashes at
/// level 8·L, 256 to a full tile.
/// </summary>
public static class TileLayout
{
    /// <summary>Tree levels per tile.</summary>
    public const int Height = 8;

    /// <summary>Hashes (or entries) in a full tile.</summary>
    public const int Width = 1 << Height;

    /// <summary>Every tile and entry bundle that exists for a tree of <paramref name="size"/> leaves, the partial ones with their width at that size.</summary>
    public static IReadOnlyList<TileId> TilesAt(long size)
    {
        var tiles = new List<TileId>();
        for (var level = 0; level <= TileId.MaxLevel; level++)
        {
            var count = HashesAtTileLevel(level, size);
            if (count == 0)
            {
                break;
            }

            AddTiles(level, count, tiles);
            if (level == 0)
            {
                AddTiles(TileId.EntriesLevel, count, tiles);
            }
        }

        return tiles;
    }

    /// <summary>The tiles (and bundles) that an append from <paramref name="oldSize"/> to <paramref name="newSize"/> creates or widens.</summary>
    public static IReadOnlyList<TileId> TilesChanged(long oldSize, long newSize) =>
        TilesAt(newSize).Where(t => t.Width != WidthAt(t.Level, t.Index, oldSize)).ToList();

    /// <summary>The number of hashes of tile level <paramref name="level"/> (tree level 8·level) a tree of <paramref name="size"/> has.</summary>
    public static long HashesAtTileLevel(int level, long size) =>
        level == TileId.EntriesLevel ? size : level * Height >= 63 ? 0 : size >> (level * Height);

    /// <summary>The width tile <paramref name="index"/> of <paramref name="level"/> has at <paramref name="size"/> (0 when it does not exist yet).</summary>
    public static int WidthAt(int level, long index, long size)
    {
        var count = HashesAtTileLevel(level, size) - (index * Width);
        return count <= 0 ? 0 : (int)Math.Min(count, Width);
    }

    /// <summary>
    /// The tile that holds the hashes node <paramref name="node"/> is made of (the smallest width that has them), and
    /// where they are in it: the node is the perfect subtree of <c>Count</c> hashes starting at hash <c>First</c>.
    /// </summary>
    public static (TileId Tile, int First, int Count) Locate(NodeId node)
    {
        var tileLevel = node.Level / Height;
        var within = node.Level % Height;
        var firstHash = node.Index << within;
        var count = 1 << within;
        var tileIndex = firstHash / Width;
        var first = (int)(firstHash % Width);
        return (new TileId(tileLevel, tileIndex, first + count), first, count);
    }

    /// <summary>The hash of <paramref name="node"/> from the data of the tile <see cref="Locate"/> names (or a wider one at the same place).</summary>
    public static byte[] NodeFromTile(NodeId node, ReadOnlySpan<byte> tileData)
    {
        var (tile, first, count) = Locate(node);
        if (tileData.Length < tile.Width * LogHash.Size)
        {
            throw new ArgumentException($"tile {tile.Path} holds {tileData.Length / LogHash.Size} hashes, node {node} needs {tile.Width}", nameof(tileData));
        }

        return LogHash.PerfectSubtree(tileData.Slice(first * LogHash.Size, count * LogHash.Size));
    }

    private static void AddTiles(int level, long count, List<TileId> tiles)
    {
        for (long index = 0; index * Width < count; index++)
        {
            tiles.Add(new TileId(level, index, (int)Math.Min(Width, count - (index * Width))));
        }
    }
}
