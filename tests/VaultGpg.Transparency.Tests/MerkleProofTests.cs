using System.Text;
using VaultGpg.Transparency;

namespace VaultGpg.Transparency.Tests;

public sealed class MerkleProofTests
{
    private static InMemoryTree TreeOf(int size)
    {
        var tree = new InMemoryTree();
        for (var i = 0; i < size; i++)
        {
            tree.AppendEntry(Encoding.ASCII.GetBytes($"entry {i}"));
        }

        return tree;
    }

    // MTH of RFC 6962 2.1 written out recursively, the definition the tree and the proofs must agree with.
    private static byte[] ReferenceRoot(List<byte[]> leaves)
    {
        if (leaves.Count == 0)
        {
            return LogHash.EmptyTree();
        }

        if (leaves.Count == 1)
        {
            return leaves[0];
        }

        var k = 1;
        while (k * 2 < leaves.Count)
        {
            k *= 2;
        }

        return LogHash.Node(ReferenceRoot(leaves.Take(k).ToList()), ReferenceRoot(leaves.Skip(k).ToList()));
    }

    [Fact]
    public void Root_EverySizeUpTo70_MatchesTheRecursiveDefinition()
    {
        var tree = TreeOf(70);
        var leaves = Enumerable.Range(0, 70).Select(i => LogHash.Leaf(Encoding.ASCII.GetBytes($"entry {i}"))).ToList();

        for (var size = 0; size <= 70; size++)
        {
            Assert.Equal(ReferenceRoot(leaves.Take(size).ToList()), tree.Root(size));
        }
    }

    [Fact]
    public void Root_EmptyTree_IsSha256OfNothing()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(new InMemoryTree().Root(0)));
    }

    [Fact]
    public async Task Inclusion_EveryLeafOfEverySizeUpTo40_Verifies()
    {
        var tree = TreeOf(40);
        for (var size = 1; size <= 40; size++)
        {
            var root = tree.Root(size);
            for (var index = 0; index < size; index++)
            {
                var proof = await MerkleProof.ProveInclusionAsync(index, size, tree, CancellationToken.None);
                Assert.True(MerkleProof.VerifyInclusion(tree.Node(new NodeId(0, index)), index, size, proof, root), $"{index} in {size}");
            }
        }
    }

    [Fact]
    public async Task Inclusion_WrongIndexOrChangedHash_Fails()
    {
        var tree = TreeOf(13);
        var root = tree.Root(13);
        var leaf = tree.Node(new NodeId(0, 5));
        var proof = await MerkleProof.ProveInclusionAsync(5, 13, tree, CancellationToken.None);
        Assert.True(MerkleProof.VerifyInclusion(leaf, 5, 13, proof, root));

        Assert.False(MerkleProof.VerifyInclusion(leaf, 4, 13, proof, root));
        Assert.False(MerkleProof.VerifyInclusion(leaf, 5, 8, proof, root));
        Assert.False(MerkleProof.VerifyInclusion(leaf, 5, 13, proof.Take(proof.Count - 1).ToList(), root));
        var changed = proof.Select(h => (byte[])h.Clone()).ToList();
        changed[1][0] ^= 1;
        Assert.False(MerkleProof.VerifyInclusion(leaf, 5, 13, changed, root));
    }

    [Fact]
    public async Task Consistency_EveryPairUpTo40_VerifiesAndAWrongRootFails()
    {
        var tree = TreeOf(40);
        for (var newSize = 1; newSize <= 40; newSize++)
        {
            for (var oldSize = 1; oldSize <= newSize; oldSize++)
            {
                var proof = await MerkleProof.ProveConsistencyAsync(oldSize, newSize, tree, CancellationToken.None);
                Assert.True(MerkleProof.VerifyConsistency(oldSize, newSize, tree.Root(oldSize), tree.Root(newSize), proof), $"{oldSize} to {newSize}");
                if (oldSize < newSize)
                {
                    Assert.False(MerkleProof.VerifyConsistency(oldSize, newSize, tree.Root(oldSize), tree.Root(newSize - 1), proof), $"{oldSize} to {newSize} wrong new root");
                    Assert.False(MerkleProof.VerifyConsistency(oldSize, newSize, LogHash.Leaf([1]), tree.Root(newSize), proof), $"{oldSize} to {newSize} wrong old root");
                }
            }
        }
    }

    [Fact]
    public async Task TileNodeReader_TreeOf70000_GivesTheSameRootAndProofsAsTheTree()
    {
        var tree = TreeOf(70_000);
        var reader = new TileNodeReader(70_000, (tile, _) => ValueTask.FromResult<ReadOnlyMemory<byte>?>(tree.Tile(tile)));

        Assert.Equal(tree.Root(70_000), await MerkleProof.RootAsync(70_000, reader, CancellationToken.None));
        Assert.Equal(
            await MerkleProof.ProveInclusionAsync(65_537, 70_000, tree, CancellationToken.None),
            await MerkleProof.ProveInclusionAsync(65_537, 70_000, reader, CancellationToken.None));
        Assert.Equal(
            await MerkleProof.ProveConsistencyAsync(300, 70_000, tree, CancellationToken.None),
            await MerkleProof.ProveConsistencyAsync(300, 70_000, reader, CancellationToken.None));
    }
}
