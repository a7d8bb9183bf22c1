namespace VaultGpg.Transparency;

/// <summary>
/// Where proofs and roots read perfect-subtree hashes from: the in-memory tree, or tiles in a store. A reader is
/// only asked for nodes inside the tree size it is used with.
/// </summary>
public interface INodeHashReader
{
    /// <summary>The hash of each node, in the order asked.</summary>
    ValueTask<IReadOnlyList<byte[]>> ReadNodesAsync(IReadOnlyList<NodeId> nodes, CancellationToken cancellationToken);
}
