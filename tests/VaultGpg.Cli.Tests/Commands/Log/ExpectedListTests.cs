using VaultGpg.Cli.Commands.Log;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Tests.Commands.Log;

public sealed class ExpectedListTests
{
    private const string Fingerprint = "cccccccccccccccccccccccccccccccccccccccc";

    private static readonly SignatureEntry Signature = SignatureEntry.Parse(FakeTlog.Signed(Fingerprint, "release.tar.gz", signatureByte: 9));

    [Theory]
    [InlineData("digest sha256:{digest}")]
    [InlineData("digest sha256:{DIGEST}")]
    [InlineData("{digest}  dist/release.tar.gz")]
    [InlineData("{digest} *release.tar.gz")]
    [InlineData("signature sha256:{signature}")]
    [InlineData("# a comment\n\n  digest sha256:{digest}  \r")]
    public void Expects_SignatureListedByDigestOrSignatureHash(string line)
    {
        var list = ExpectedList.Parse(Fill(line), "expected");

        Assert.True(list.Expects(Signature));
    }

    [Theory]
    [InlineData("{signature}  release.tar.gz")]
    [InlineData("signature sha256:{digest}")]
    [InlineData("event create release")]
    public void Expects_OtherItems_DoNotMatch(string line)
    {
        Assert.False(ExpectedList.Parse(Fill(line), "expected").Expects(Signature));
    }

    [Fact]
    public void Expects_KeyEventByEventAndName()
    {
        var list = ExpectedList.Parse("event config release\n", "expected");

        Assert.True(list.Expects(KeyEventEntry.Parse(FakeTlog.Created("release", Fingerprint).AsSpan()) with { Event = KeyEventEntry.Config }));
        Assert.False(list.Expects(KeyEventEntry.Parse(FakeTlog.Created("release", Fingerprint))));
    }

    [Fact]
    public void Expects_GatePolicyChangeByEventPolicy_AttestationAndGatedSignatureByDigest()
    {
        var policy = ExpectedList.Parse("event policy release\n", "expected");
        var digest = ExpectedList.Parse(Fill("digest sha256:{digest}"), "expected");
        var entries = FakeTlog.PolicySet("release", Fingerprint).Select(e => GateEntry.Parse(e)).ToList();
        var attested = GateEntry.Parse(FakeTlog.Attested("release", "release.tar.gz"));
        var gated = GateEntry.Parse(FakeTlog.Gated(4, "release.tar.gz"));

        Assert.All(entries, e => Assert.True(policy.Expects(e)));
        Assert.False(policy.Expects(GateEntry.ForPolicyDelete(FakeTlog.Origin, "release", Fingerprint, gated.Time)));
        Assert.False(policy.Expects(attested));
        Assert.All(entries, e => Assert.False(digest.Expects(e)));
        Assert.True(digest.Expects(attested));
        Assert.True(digest.Expects(gated));
        Assert.True(ExpectedList.Parse("event attestation release\n", "expected").Expects(attested));
    }

    [Theory]
    [InlineData("digest md5:00112233445566778899aabbccddeeff")]
    [InlineData("digest sha256:abc")]
    [InlineData("signature sha512:{digest}")]
    [InlineData("release.tar.gz")]
    [InlineData("event create")]
    public void Parse_BadLine_NamesFileAndLine(string line)
    {
        var e = Assert.Throws<UsageException>(() => ExpectedList.Parse("# ok\n" + Fill(line), "list.txt"));

        Assert.StartsWith("list.txt:2: not an expected item", e.Message, StringComparison.Ordinal);
    }

    private static string Fill(string line) => line
        .Replace("{digest}", Convert.ToHexStringLower(Signature.Digest), StringComparison.Ordinal)
        .Replace("{DIGEST}", Convert.ToHexString(Signature.Digest), StringComparison.Ordinal)
        .Replace("{signature}", Convert.ToHexStringLower(Signature.SignatureHash), StringComparison.Ordinal);
}
