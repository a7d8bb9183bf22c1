using System.Security.Cryptography;

namespace VaultGpg.Transparency;

/// <summary>The RFC 6962 (section 2.1) Merkle tree hashes over SHA-256.</summary>
public static class LogHash
{
    /// <summary>The size of every hash in the tree, in bytes.</summary>
    public const int Size = 32;

    /// <summary>The root of the empty tree: SHA-256 of the empty string.</summary>
    public static byte[] EmptyTree() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>SHA-256(0x00 || entry).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(entry);
        return hash.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>
    /// The root of a perfect subtree whose leaves are the concatenated hashes in <paramref name="hashes"/> (a power of
    /// two of them): how a tile's hashes combine into the nodes between tile levels.
    /// </summary>
    public static byte[] PerfectSubtree(ReadOnlySpan<byte> hashes)
    {
        var count = hashes.Length / Size;
        if (count == 0 || hashes.Length % Size != 0 || (count & (count - 1)) != 0)
        {
            throw new ArgumentException("a perfect subtree needs a power of two of 32-byte hashes", nameof(hashes));
        }

        var level = hashes.ToArray();
        for (; count > 1; count /= 2)
        {
            for (var i = 0; i < count / 2; i++)
            {
                Node(level.AsSpan(2 * i * Size, Size), level.AsSpan(((2 * i) + 1) * Size, Size)).CopyTo(level, i * Size);
            }
        }

        return level[..Size];
    }

    /// <summary>
    /// The hash of a range from its aligned perfect subtrees, left to right and largest first (as
    /// <see cref="LeafRange.Nodes"/> gives them): folded from the right, as RFC 6962's MTH splits.
    /// </summary>
    public static byte[] Fold(IReadOnlyList<byte[]> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return EmptyTree();
        }

        var hash = nodes[^1];
        for (var i = nodes.Count - 2; i >= 0; i--)
        {
            hash = Node(nodes[i], hash);
        }

        return hash;
    }
}
