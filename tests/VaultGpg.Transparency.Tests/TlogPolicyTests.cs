using System.Security.Cryptography;

namespace VaultGpg.Transparency.Tests;

public sealed class TlogPolicyTests
{
    private const string Origin = "example.com/log";
    private static readonly Ed25519NoteSigner Log = Ed25519NoteSigner.Generate(Origin);
    private static readonly CosignatureSigner[] Witnesses = [.. Enumerable.Range(1, 4).Select(i => new CosignatureSigner($"w{i}.example", RandomNumberGenerator.GetBytes(32)))];

    private static string X(int i) => Witnesses[i - 1].Verifier.VerifierKey;

    [Fact]
    public void Parse_SpecsTwoLevelExample_ReadsLogWitnessesGroupsAndQuorum()
    {
        var policy = TlogPolicy.Parse(
            $"# a comment\nlog {Log.Verifier.VerifierKey} https://example.com/log\n\n\twitness X1 {X(1)}\nwitness X2 {X(2)}  \nwitness Y1 {X(3)} https://w3\n"
            + "group X-witnesses 2 X1 X2\ngroup Y-witnesses any Y1\ngroup X-and-Y all X-witnesses Y-witnesses\nquorum X-and-Y\n");

        Assert.Equal(Log.Verifier.VerifierKey, Assert.IsType<Ed25519NoteVerifier>(Assert.Single(policy.Logs)).VerifierKey);
        Assert.Equal(["X1", "X2", "Y1"], policy.Witnesses.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, policy.Groups["X-witnesses"].Threshold);
        Assert.Equal(["X1", "X2"], policy.Groups["X-witnesses"].Members);
        Assert.Equal(1, policy.Groups["Y-witnesses"].Threshold);
        Assert.Equal(2, policy.Groups["X-and-Y"].Threshold);
        Assert.Equal("X-and-Y", policy.Quorum);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, true)]
    [InlineData(new[] { 1, 3 }, false)]
    [InlineData(new[] { 1, 2 }, false)]
    [InlineData(new int[0], false)]
    public void QuorumMet_CountsValidCosignaturesThroughGroups(int[] cosigning, bool met)
    {
        var policy = TlogPolicy.Parse(
            $"log {Log.Verifier.VerifierKey}\nwitness X1 {X(1)}\nwitness X2 {X(2)}\nwitness Y1 {X(3)}\nwitness Y2 {X(4)}\n"
            + "group X 2 X1 X2\ngroup Y any Y1 Y2\ngroup XY all X Y\nquorum XY\n");
        var checkpoint = Checkpoint(cosigning);

        Assert.Equal(met, policy.QuorumMet(checkpoint));
        Assert.Equal(cosigning.Select(i => i <= 2 ? $"X{i}" : $"Y{i - 2}"), policy.CosignedBy(checkpoint));
    }

    [Fact]
    public void QuorumMet_CosignatureOverAnotherBody_DoesNotCount()
    {
        var policy = TlogPolicy.Parse($"witness W {X(1)}\nquorum W\n");
        var forged = Checkpoint([]).WithSignature(Witnesses[0].Sign(new Checkpoint(Origin, 6, new byte[32]).Body, 1));

        Assert.False(policy.QuorumMet(forged));
        Assert.True(policy.QuorumMet(Checkpoint([1])));
        Assert.True(TlogPolicy.Parse("quorum none\n").QuorumMet(forged));
    }

    [Theory]
    [InlineData("witness W {1}\n", "policy has no quorum line")]
    [InlineData("witness W {1}\nquorum W\nquorum W\n", "policy line 3 is a second quorum line")]
    [InlineData("quorum W\nwitness W {1}\n", "policy line 1 names \"W\", which no earlier line defines")]
    [InlineData("witness W {1}\ngroup G 2 W\nquorum G\n", "policy line 2 has threshold \"2\"")]
    [InlineData("witness W {1}\ngroup G 0 W\nquorum G\n", "policy line 2 has threshold \"0\"")]
    [InlineData("witness W {1}\ngroup G any W W\nquorum G\n", "policy line 2 lists a member twice")]
    [InlineData("witness W {1}\ngroup G any V\nquorum G\n", "policy line 2 has member \"V\"")]
    [InlineData("witness W {1}\nwitness V {1}\nquorum W\n", "policy line 2 repeats a key")]
    [InlineData("witness W {1}\nwitness W {2}\nquorum W\n", "policy line 2 defines \"W\", which is already defined")]
    [InlineData("witness none {1}\nquorum none\n", "policy line 1 defines \"none\", which is reserved")]
    [InlineData("log {1}\nquorum none\n", "policy line 1 needs a log key")]
    [InlineData("witness W {log}\nquorum W\n", "policy line 1 needs a witness key")]
    [InlineData("witness W x+0000+AAAA\nquorum W\n", "policy line 1 has an invalid key")]
    [InlineData("witnesses W {1}\nquorum W\n", "policy line 1 starts with unknown keyword \"witnesses\"")]
    [InlineData("quorum\n", "policy line 1 has the wrong number of items")]
    [InlineData("quorum none\r\n", "policy line 1 has a control character")]
    public void Parse_BrokenRule_NamesTheLine(string text, string message)
    {
        var policy = text.Replace("{1}", X(1), StringComparison.Ordinal).Replace("{2}", X(2), StringComparison.Ordinal)
            .Replace("{log}", Log.Verifier.VerifierKey, StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => TlogPolicy.Parse(policy));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private static SignedNote Checkpoint(IEnumerable<int> cosigning)
    {
        var body = new Checkpoint(Origin, 5, new byte[32]).Body;
        return cosigning.Aggregate(SignedNote.Sign(body, Log), (note, i) => note.WithSignature(Witnesses[i - 1].Sign(body, 1764460800)));
    }
}
