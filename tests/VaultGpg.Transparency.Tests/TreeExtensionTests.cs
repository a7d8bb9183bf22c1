using System.Text;

namespace VaultGpg.Transparency.Tests;

public sealed class TreeExtensionTests
{
    private readonly InMemoryTree _tree = new();
    private readonly List<byte[]> _leaves = [];

    public TreeExtensionTests()
    {
        for (var i = 0; i < 70; i++)
        {
            _leaves.Add(LogHash.Leaf(Encoding.UTF8.GetBytes($"entry {i}")));
            _tree.AppendLeafHash(_leaves[^1]);
        }
    }

    [Fact]
    public async Task Check_EveryOldAndNewSize_RebuildsBothRoots()
    {
        for (var newSize = 1; newSize <= 70; newSize++)
        {
            for (var oldSize = 0; oldSize < newSize; oldSize++)
            {
                var result = await CheckAsync(oldSize, newSize, _leaves.Skip(oldSize).Take(newSize - oldSize).ToList(), _tree);

                Assert.True(result == (true, true), $"{oldSize} -> {newSize}: {result}");
            }
        }
    }

    [Theory]
    [InlineData(0, 5, 3)]
    [InlineData(13, 70, 13)]
    [InlineData(13, 70, 69)]
    public async Task Check_ChangedNewLeaf_NewRootDoesNotMatch(int oldSize, int newSize, int changed)
    {
        var leaves = _leaves.Skip(oldSize).Take(newSize - oldSize).ToList();
        leaves[changed - oldSize] = LogHash.Leaf("changed"u8);

        var result = await CheckAsync(oldSize, newSize, leaves, _tree);

        Assert.False(result.NewRootMatches);
    }

    [Theory]
    [InlineData(13, 70)]
    [InlineData(64, 65)]
    public async Task Check_ChangedOldNode_NewRootDoesNotMatch(int oldSize, int newSize)
    {
        var tampered = new TamperedReader(_tree);

        var result = await CheckAsync(oldSize, newSize, _leaves.Skip(oldSize).Take(newSize - oldSize).ToList(), tampered);

        Assert.False(result.NewRootMatches);
        Assert.False(result.OldRootMatches);
    }

    [Fact]
    public async Task Check_OldRootOfAnotherTree_OldRootDoesNotMatch()
    {
        var result = await TreeExtension.CheckAsync(
            13, LogHash.Leaf("other"u8), 70, _tree.Root(70), _leaves.Skip(13).ToList(), _tree, CancellationToken.None);

        Assert.Equal((true, false), result);
    }

    private Task<(bool NewRootMatches, bool OldRootMatches)> CheckAsync(int oldSize, int newSize, IReadOnlyList<byte[]> leaves, INodeHashReader reader) =>
        TreeExtension.CheckAsync(oldSize, _tree.Root(oldSize), newSize, _tree.Root(newSize), leaves, reader, CancellationToken.None);

    /// <summary>The tree's nodes with the first one asked for changed.</summary>
    private sealed class TamperedReader(INodeHashReader inner) : INodeHashReader
    {
        public async ValueTask<IReadOnlyList<byte[]>> ReadNodesAsync(IReadOnlyList<NodeId> nodes, CancellationToken cancellationToken)
        {
            var hashes = (await inner.ReadNodesAsync(nodes, cancellationToken)).Select(h => h.ToArray()).ToList();
            hashes[0][0] ^= 1;
            return hashes;
        }
    }
}
