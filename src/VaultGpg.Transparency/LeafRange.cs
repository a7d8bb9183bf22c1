namespace VaultGpg.Transparency;

/// <summary>
/// The leaves [<paramref name="Start"/>, <paramref name="End"/>) of the log, whose RFC 6962 hash MTH(D[Start:End]) a
/// proof needs. Every range in a proof starts at a multiple of the largest power of two not above its length, so
/// its hash is the right fold of the aligned perfect subtrees <see cref="Nodes"/> lists.
/// </summary>
public readonly record struct LeafRange(long Start, long End)
{
    public long Length => End - Start;

    /// <summary>The aligned perfect subtrees covering the range, left to right (largest first).</summary>
    public IReadOnlyList<NodeId> Nodes()
    {
        var nodes = new List<NodeId>();
        var at = Start;
        while (at < End)
        {
            var level = 62;
            while (level > 0 && ((at & ((1L << level) - 1)) != 0 || at + (1L << level) > End))
            {
                level--;
            }

            nodes.Add(new NodeId(level, at >> level));
            at += 1L << level;
        }

        return nodes;
    }
}
