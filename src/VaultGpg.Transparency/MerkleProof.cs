namespace VaultGpg.Transparency;

/// <summary>
/// RFC 9162 section 2.1.3 (inclusion) and 2.1.4 (consistency) proofs: which subtrees they are made of, how to build
/// them from a <see cref="INodeHashReader"/>, and how to check them.
/// </summary>
public static class MerkleProof
{
    /// <summary>The subtrees of an inclusion proof of leaf <paramref name="index"/> in a tree of <paramref name="size"/> leaves, the leaf's sibling first.</summary>
    public static IReadOnlyList<LeafRange> InclusionRanges(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of size {size}");
        }

        var ranges = new List<LeafRange>();
        AddPath(index, 0, size, ranges);
        return ranges;
    }

    /// <summary>The subtrees of a consistency proof from <paramref name="oldSize"/> to <paramref name="newSize"/> (0 &lt; old &lt; new; equal sizes have an empty proof).</summary>
    public static IReadOnlyList<LeafRange> ConsistencyRanges(long oldSize, long newSize)
    {
        if (oldSize < 1 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), $"no consistency proof from size {oldSize} to {newSize}");
        }

        var ranges = new List<LeafRange>();
        if (oldSize < newSize)
        {
            AddSubproof(oldSize, 0, newSize, true, ranges);
        }

        return ranges;
    }

    /// <summary>The root of the first <paramref name="size"/> leaves.</summary>
    public static async ValueTask<byte[]> RootAsync(long size, INodeHashReader reader, CancellationToken cancellationToken)
    {
        var hashes = await HashRangesAsync([new LeafRange(0, size)], reader, cancellationToken).ConfigureAwait(false);
        return hashes[0];
    }

    public static ValueTask<IReadOnlyList<byte[]>> ProveInclusionAsync(long index, long size, INodeHashReader reader, CancellationToken cancellationToken) =>
        HashRangesAsync(InclusionRanges(index, size), reader, cancellationToken);

    public static ValueTask<IReadOnlyList<byte[]>> ProveConsistencyAsync(long oldSize, long newSize, INodeHashReader reader, CancellationToken cancellationToken) =>
        HashRangesAsync(ConsistencyRanges(oldSize, newSize), reader, cancellationToken);

    /// <summary>The hashes of the ranges, reading every node they need in one call.</summary>
    public static async ValueTask<IReadOnlyList<byte[]>> HashRangesAsync(IReadOnlyList<LeafRange> ranges, INodeHashReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(reader);
        var perRange = ranges.Select(r => r.Nodes()).ToList();
        var all = perRange.SelectMany(n => n).ToList();
        var hashes = await reader.ReadNodesAsync(all, cancellationToken).ConfigureAwait(false);
        var result = new List<byte[]>(ranges.Count);
        var at = 0;
        foreach (var nodes in perRange)
        {
            result.Add(LogHash.Fold(hashes.Skip(at).Take(nodes.Count).ToList()));
            at += nodes.Count;
        }

        return result;
    }

    /// <summary>RFC 9162 2.1.3.2: whether <paramref name="proof"/> proves leaf <paramref name="leafHash"/> at <paramref name="index"/> in the tree of <paramref name="size"/> with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size || proof.Any(p => p.Length != LogHash.Size))
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = LogHash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = LogHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 2.1.4.2: whether <paramref name="proof"/> shows the tree of <paramref name="oldSize"/> with <paramref name="oldRoot"/> is a prefix of the tree of <paramref name="newSize"/> with <paramref name="newRoot"/>.</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 1 || oldSize > newSize || proof.Any(p => p.Length != LogHash.Size))
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        var path = new List<byte[]>(proof);
        if ((oldSize & (oldSize - 1)) == 0)
        {
            path.Insert(0, oldRoot.ToArray());
        }

        if (path.Count == 0)
        {
            return false;
        }

        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = LogHash.Node(c, fr);
                sr = LogHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = LogHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }

    // PATH(m, D[lo:hi]) of RFC 9162 2.1.3.1: the deeper siblings first, then this level's.
    private static void AddPath(long m, long lo, long hi, List<LeafRange> ranges)
    {
        var n = hi - lo;
        if (n <= 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            AddPath(m, lo, lo + k, ranges);
            ranges.Add(new LeafRange(lo + k, hi));
        }
        else
        {
            AddPath(m - k, lo + k, hi, ranges);
            ranges.Add(new LeafRange(lo, lo + k));
        }
    }

    // SUBPROOF(m, D[lo:hi], b) of RFC 9162 2.1.4.1.
    private static void AddSubproof(long m, long lo, long hi, bool complete, List<LeafRange> ranges)
    {
        var n = hi - lo;
        if (m == n)
        {
            if (!complete)
            {
                ranges.Add(new LeafRange(lo, hi));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            AddSubproof(m, lo, lo + k, complete, ranges);
            ranges.Add(new LeafRange(lo + k, hi));
        }
        else
        {
            AddSubproof(m - k, lo + k, hi, false, ranges);
            ranges.Add(new LeafRange(lo, lo + k));
        }
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2).</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << (63 - (int)long.LeadingZeroCount(n - 1));
}
