namespace VaultGpg.Transparency;

/// <summary>
/// A perfect subtree of the log: the hash at <paramref name="Level"/> (0 = leaves) and position
/// <paramref name="Index"/> in that level, covering leaves [Index·2^Level, (Index+1)·2^Level).
/// </summary>
public readonly record struct NodeId(int Level, long Index)
{
    /// <summary>The first leaf under the node.</summary>
    public long FirstLeaf => Index << Level;

    /// <summary>One past the last leaf under the node.</summary>
    public long EndLeaf => (Index + 1) << Level;
}
