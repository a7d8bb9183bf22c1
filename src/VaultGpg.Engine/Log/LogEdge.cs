using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Log;

/// <summary>
/// The right edge of the log at one size: the hashes of the partial tile at each tile level and the entries of the
/// partial entry bundle. With it an append computes every new tile and the new root without reading the full tiles,
/// which never change. Not thread-safe: used under the log's commit lock, and copied before each commit.
/// </summary>
internal sealed class LogEdge
{
    private readonly List<List<byte[]>> _hashes;
    private readonly List<byte[]> _entries;

    private LogEdge(long size, List<List<byte[]>> hashes, List<byte[]> entries)
    {
        Size = size;
        _hashes = hashes;
        _entries = entries;
    }

    public long Size { get; private set; }

    public static LogEdge Empty() => new(0, [], []);

    public LogEdge Copy() => new(Size, [.. _hashes.Select(level => new List<byte[]>(level))], [.. _entries]);

    /// <summary>The edge of the stored log at <paramref name="size"/>: the partial tiles, cut to their width at that size
    /// (a failed append may have left longer ones).</summary>
    public static async Task<LogEdge> LoadAsync(IStorage storage, long size, CancellationToken cancellationToken)
    {
        var hashes = new List<List<byte[]>>();
        List<byte[]> entries = [];
        foreach (var tile in TileLayout.TilesAt(size).Where(t => !t.IsFull))
        {
            var data = await LogStorage.ReadTileAsync(storage, tile, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"transparency log storage is missing {tile.Path} of the size {size} checkpoint");
            if (tile.IsEntryBundle)
            {
                entries = [.. EntryBundle.Decode(data)];
                continue;
            }

            while (hashes.Count <= tile.Level)
            {
                hashes.Add([]);
            }

            hashes[tile.Level] = [.. Enumerable.Range(0, tile.Width).Select(i => data.AsSpan(i * LogHash.Size, LogHash.Size).ToArray())];
        }

        return new LogEdge(size, hashes, entries);
    }

    /// <summary>Appends one entry; tiles and bundles it fills are added to <paramref name="completed"/>.</summary>
    public void Append(byte[] entry, Dictionary<TileId, byte[]> completed)
    {
        Size++;
        _entries.Add(entry);
        if (_entries.Count == TileLayout.Width)
        {
            completed[new TileId(TileId.EntriesLevel, (Size / TileLayout.Width) - 1, TileLayout.Width)] =
                EntryBundle.Encode(_entries.Select(e => (ReadOnlyMemory<byte>)e));
            _entries.Clear();
        }

        var hash = LogHash.Leaf(entry);
        for (var level = 0; ; level++)
        {
            if (level == _hashes.Count)
            {
                _hashes.Add([]);
            }

            _hashes[level].Add(hash);
            if (_hashes[level].Count < TileLayout.Width)
            {
                return;
            }

            var data = Concat(_hashes[level]);
            var index = (TileLayout.HashesAtTileLevel(level, Size) / TileLayout.Width) - 1;
            completed[new TileId(level, index, TileLayout.Width)] = data;
            _hashes[level].Clear();
            hash = LogHash.PerfectSubtree(data);
        }
    }

    /// <summary>The data of a partial tile or bundle at the current size.</summary>
    public byte[] Partial(TileId tile) =>
        tile.IsEntryBundle ? EntryBundle.Encode(_entries.Select(e => (ReadOnlyMemory<byte>)e)) : Concat(_hashes[tile.Level]);

    /// <summary>The root hash at the current size, from the edge alone.</summary>
    public byte[] Root()
    {
        var nodes = new LeafRange(0, Size).Nodes()
            .Select(node => TileLayout.NodeFromTile(node, Concat(_hashes[node.Level / TileLayout.Height])))
            .ToList();
        return LogHash.Fold(nodes);
    }

    private static byte[] Concat(List<byte[]> hashes)
    {
        var data = new byte[hashes.Count * LogHash.Size];
        for (var i = 0; i < hashes.Count; i++)
        {
            hashes[i].CopyTo(data, i * LogHash.Size);
        }

        return data;
    }
}
