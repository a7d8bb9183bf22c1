namespace VaultGpg.Transparency;

/// <summary>
/// A whole Merkle tree in memory: every perfect-subtree hash, level by level. For tests, benchmarks and tools that
/// build a log in process; the engine keeps its tree in tiles instead.
/// </summary>
public sealed class InMemoryTree : INodeHashReader
{
    private readonly List<List<byte[]>> _levels = [[]];

    /// <summary>The number of leaves.</summary>
    public long Size => _levels[0].Count;

    /// <summary>Appends an entry and returns its index.</summary>
    public long AppendEntry(ReadOnlySpan<byte> entry) => AppendLeafHash(LogHash.Leaf(entry));

    /// <summary>Appends a leaf by its hash and returns its index.</summary>
    public long AppendLeafHash(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        var index = Size;
        _levels[0].Add(leafHash);
        var hash = leafHash;
        for (var level = 0; (_levels[level].Count & 1) == 0; level++)
        {
            if (level + 1 == _levels.Count)
            {
                _levels.Add([]);
            }

            hash = LogHash.Node(_levels[level][^2], hash);
            _levels[level + 1].Add(hash);
        }

        return index;
    }

    /// <summary>The hash of a complete node.</summary>
    public byte[] Node(NodeId node)
    {
        if (node.Level >= _levels.Count || node.Index < 0 || node.Index >= _levels[node.Level].Count)
        {
            throw new ArgumentOutOfRangeException(nameof(node), $"node {node} is not complete in a tree of size {Size}");
        }

        return _levels[node.Level][(int)node.Index];
    }

    /// <summary>The root of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size) => LogHash.Fold(new LeafRange(0, size).Nodes().Select(Node).ToList());

    /// <summary>The bytes of a hash tile as tlog-tiles serves it.</summary>
    public byte[] Tile(TileId tile)
    {
        if (tile.IsEntryBundle)
        {
            throw new ArgumentException("the tree holds hashes, not entries", nameof(tile));
        }

        var data = new byte[tile.Width * LogHash.Size];
        for (var i = 0; i < tile.Width; i++)
        {
            Node(new NodeId(tile.Level * TileLayout.Height, (tile.Index * TileLayout.Width) + i)).CopyTo(data, i * LogHash.Size);
        }

        return data;
    }

    public ValueTask<IReadOnlyList<byte[]>> ReadNodesAsync(IReadOnlyList<NodeId> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return ValueTask.FromResult<IReadOnlyList<byte[]>>(nodes.Select(Node).ToList());
    }
}
