using System.Text;
using VaultGpg.Transparency;

namespace VaultGpg.Transparency.Tests;

public sealed class TlogProofTests
{
    [Fact]
    public async Task Format_ThenParse_RoundTripsAndVerifies()
    {
        var tree = new InMemoryTree();
        var entries = Enumerable.Range(0, 9).Select(i => Encoding.ASCII.GetBytes($"e{i}")).ToList();
        entries.ForEach(e => tree.AppendEntry(e));
        var signer = Ed25519NoteSigner.Generate("example.com/log");
        var checkpoint = SignedNote.Sign(new Checkpoint("example.com/log", 9, tree.Root(9)).Body, signer);
        var proof = new TlogProof(entries[6], 6, await MerkleProof.ProveInclusionAsync(6, 9, tree, CancellationToken.None), checkpoint);

        var text = proof.ToString();
        var parsed = TlogProof.Parse(text);

        Assert.StartsWith("c2sp.org/tlog-proof@v1\nextra ZTY=\nindex 6\n", text, StringComparison.Ordinal);
        Assert.Contains("\n\nexample.com/log\n9\n", text, StringComparison.Ordinal);
        Assert.Equal(text, parsed.ToString());
        Assert.True(parsed.Verifies(entries[6], signer.Verifier));
        Assert.False(parsed.Verifies(entries[5], signer.Verifier));
        Assert.False(parsed.Verifies(entries[6], Ed25519NoteSigner.Generate("example.com/log").Verifier));
        Assert.False((parsed with { Index = 5 }).Verifies(entries[6], signer.Verifier));
    }

    [Theory]
    [InlineData("c2sp.org/tlog-proof@v2\nindex 0\n\nx\n\n\u2014 k AAAAAAAAAAAA\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 01\n\nx\n\n\u2014 k AAAAAAAAAAAA\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 0\nAAAA\n\nx\n\n\u2014 k AAAAAAAAAAAA\n")]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 0\n")]
    public void Parse_Malformed_Throws(string text)
    {
        Assert.Throws<FormatException>(() => TlogProof.Parse(text));
    }
}
