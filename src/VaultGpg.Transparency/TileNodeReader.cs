namespace VaultGpg.Transparency;

/// <summary>
/// Reads node hashes out of tlog-tiles tiles for a tree of a given size: each tile is read once per call, at the
/// width it has at that size. The tiles come from a delegate (a directory, HTTP, the engine's storage); a tile the
/// delegate cannot give, or one too short, is an <see cref="InvalidDataException"/>. The tiles are not
/// authenticated here: compare the root they give with a signed checkpoint.
/// </summary>
public sealed class TileNodeReader(long size, Func<TileId, CancellationToken, ValueTask<ReadOnlyMemory<byte>?>> readTile) : INodeHashReader
{
    public long Size => size;

    public async ValueTask<IReadOnlyList<byte[]>> ReadNodesAsync(IReadOnlyList<NodeId> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var tiles = new Dictionary<TileId, ReadOnlyMemory<byte>>();
        var hashes = new List<byte[]>(nodes.Count);
        foreach (var node in nodes)
        {
            if (node.Level < 0 || node.Index < 0 || node.EndLeaf > size)
            {
                throw new ArgumentOutOfRangeException(nameof(nodes), $"node {node} is not complete in a tree of size {size}");
            }

            var needed = TileLayout.Locate(node).Tile;
            var tile = needed with { Width = TileLayout.WidthAt(needed.Level, needed.Index, size) };
            if (!tiles.TryGetValue(tile, out var data))
            {
                data = await readTile(tile, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"tile {tile.Path} is missing");
                if (data.Length != tile.Width * LogHash.Size)
                {
                    throw new InvalidDataException($"tile {tile.Path} has {data.Length} bytes, want {tile.Width * LogHash.Size}");
                }

                tiles[tile] = data;
            }

            hashes.Add(TileLayout.NodeFromTile(node, data.Span));
        }

        return hashes;
    }
}
