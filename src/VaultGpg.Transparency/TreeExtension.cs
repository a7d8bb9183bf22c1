namespace VaultGpg.Transparency;

/// <summary>
/// Checks what a monitor downloads when a log grew from <c>oldSize</c> to <c>newSize</c>: the new leaves (hashed from
/// the entries themselves) and the old tree's nodes (from unauthenticated tiles) must rebuild the new checkpoint's root,
/// and the same old nodes must rebuild the old checkpoint's root. Rebuilding the new root from the entries means no
/// entry can be changed, dropped or added; the old nodes it uses are exactly the perfect subtrees the old root is made
/// of (the binary decomposition of the old size), so when both roots match the old tree is a prefix of the new one,
/// which is what an RFC 9162 consistency proof shows.
/// </summary>
public static class TreeExtension
{
    /// <param name="oldSize">The size the monitor verified before (0 for none).</param>
    /// <param name="oldRoot">That tree's root (ignored for size 0).</param>
    /// <param name="newSize">The size of the new checkpoint, larger than <paramref name="oldSize"/>.</param>
    /// <param name="newRoot">The new checkpoint's root.</param>
    /// <param name="newLeafHashes">The leaf hashes of entries <paramref name="oldSize"/> to <paramref name="newSize"/> - 1, computed from the entries.</param>
    /// <param name="oldNodes">Node hashes of the tree (tiles); only nodes inside the old size are asked for.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Whether the new root and the old root were rebuilt.</returns>
    public static async Task<(bool NewRootMatches, bool OldRootMatches)> CheckAsync(
        long oldSize, ReadOnlyMemory<byte> oldRoot, long newSize, ReadOnlyMemory<byte> newRoot, IReadOnlyList<byte[]> newLeafHashes,
        INodeHashReader oldNodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newLeafHashes);
        ArgumentNullException.ThrowIfNull(oldNodes);
        if (oldSize < 0 || oldSize >= newSize || newLeafHashes.Count != newSize - oldSize)
        {
            throw new ArgumentException($"want {newSize - oldSize} leaf hashes to grow a tree from size {oldSize} to {newSize}", nameof(newLeafHashes));
        }

        var prefix = oldSize == 0 ? [] : new LeafRange(0, oldSize).Nodes();
        var hashes = await oldNodes.ReadNodesAsync(prefix, cancellationToken).ConfigureAwait(false);
        var known = new Dictionary<NodeId, byte[]>();
        for (var i = 0; i < prefix.Count; i++)
        {
            known[prefix[i]] = hashes[i];
        }

        var rebuiltNew = Hash(0, newSize, oldSize, known, newLeafHashes);
        var rebuiltOld = oldSize == 0 ? null : LogHash.Fold(hashes);
        return (rebuiltNew.AsSpan().SequenceEqual(newRoot.Span), oldSize == 0 || rebuiltOld.AsSpan().SequenceEqual(oldRoot.Span));
    }

    // MTH(D[lo:hi]) of RFC 9162 2.1.1. A range that ends inside the old tree is always a left child, so an aligned
    // perfect subtree: one of the old size's decomposition, whose hash came from the tiles.
    private static byte[] Hash(long lo, long hi, long oldSize, Dictionary<NodeId, byte[]> known, IReadOnlyList<byte[]> leaves)
    {
        if (hi <= oldSize)
        {
            var level = 63 - (int)long.LeadingZeroCount(hi - lo);
            return known.TryGetValue(new NodeId(level, lo >> level), out var node)
                ? node
                : throw new InvalidOperationException($"leaves [{lo}, {hi}) are not a subtree of the old tree's decomposition");
        }

        if (hi - lo == 1)
        {
            return leaves[(int)(lo - oldSize)];
        }

        var k = MerkleProof.LargestPowerOfTwoBelow(hi - lo);
        return LogHash.Node(Hash(lo, lo + k, oldSize, known, leaves), Hash(lo + k, hi, oldSize, known, leaves));
    }
}
