using System.Security.Cryptography;
using System.Text;
using static VaultGpg.Transparency.Tests.EntrySamples;

namespace VaultGpg.Transparency.Tests;

public sealed class GateEntryTests
{
    private static readonly string PolicyHash = Hex("policy");
    private static readonly string KeyId = Hex("builder key");
    private static readonly string Digest = "sha512:" + Convert.ToHexStringLower(SHA512.HashData("file"u8));

    // The texts API.md documents, as the engine wrote them before the format moved here.
    private static readonly string PolicyText =
        $"{Origin}/gate/v1\nevent policy\nname release\nkey {Primary}\nthreshold 2\nbuilders 3\npolicy sha256:{PolicyHash}\ntime 1764460800\n";

    private static readonly string BuilderText =
        $"{Origin}/gate/v1\nevent policy-builder\nname release\npolicy sha256:{PolicyHash}\nbuilder ci-a ed25519 {KeyId}\ntime 1764460800\n";

    private static readonly string DeleteText = $"{Origin}/gate/v1\nevent policy-delete\nname release\nkey {Primary}\ntime 1764460800\n";

    private static readonly string AttestationText =
        $"{Origin}/gate/v1\nevent attestation\nname release\nattestation sha256:{Hex("doc")}\nbuilder ci-a {KeyId}\ndigest {Digest}\ntime 1764460800\n";

    private static readonly string SignatureText =
        $"{Origin}/gate/v1\nevent signature\nsignature-entry 41\ndigest {Digest}\nthreshold 2\nattestation sha256:{Hex("a")}\nattestation sha256:{Hex("c")}\ntime 1764460800\n";

    public static TheoryData<string, string> Rendered => new()
    {
        { PolicyText, Text(GateEntry.ForPolicy(Origin, "release", Primary.ToUpperInvariant(), 2, 3, PolicyHash, Time)) },
        { BuilderText, Text(GateEntry.ForPolicyBuilder(Origin, "release", PolicyHash, "ci-a", "ed25519", KeyId, Time)) },
        { DeleteText, Text(GateEntry.ForPolicyDelete(Origin, "release", Primary, Time)) },
        { $"{Origin}/gate/v1\nevent policy-delete\nname release\ntime 1764460800\n", Text(GateEntry.ForPolicyDelete(Origin, "release", "", Time)) },
        { AttestationText, Text(GateEntry.ForAttestation(Origin, "release", Hex("doc"), "ci-a", KeyId, Digest, Time)) },
        { SignatureText, Text(GateEntry.ForSignature(Origin, 41, Digest, 2, [Hex("a"), Hex("c")], Time.AddMilliseconds(900))) },
    };

    [Theory]
    [MemberData(nameof(Rendered))]
    public void For_RendersTheDocumentedText_AndParseRoundTrips(string documented, string rendered)
    {
        Assert.Equal(documented, rendered);

        var parsed = Assert.IsType<GateEntry>(LogEntry.Parse(Encoding.UTF8.GetBytes(documented)));

        Assert.Equal(documented, Text(parsed));
        Assert.Equal(Origin, parsed.Origin);
    }

    [Fact]
    public void Parse_GivesTheFactsTheMonitorMatches()
    {
        var attestation = GateEntry.Parse(Encoding.UTF8.GetBytes(AttestationText));
        var signature = GateEntry.Parse(Encoding.UTF8.GetBytes(SignatureText));

        Assert.Equal((GateEntry.Attestation, "release", Digest), (attestation.Event, attestation.Name, attestation.Digest));
        Assert.Equal((GateEntry.Signature, (string?)null, 41L), (signature.Event, signature.Name, signature.SignatureEntryIndex));
    }

    [Theory]
    [InlineData("policy", "event policy\n", "event policy-set\n", "not a known gate event")]
    [InlineData("policy", "name release", "name two words", "\"name\" must be one word")]
    [InlineData("policy", "key " + Primary, "key B0B7", "\"key\" is not a lower-case hex fingerprint")]
    [InlineData("policy", "threshold 2", "threshold 02", "\"threshold\" is not a positive number")]
    [InlineData("policy", "builders 3", "builders 0", "\"builders\" is not a positive number")]
    [InlineData("policy", "policy sha256:", "policy sha512:", "\"policy\" does not name a known hash")]
    [InlineData("policy", "threshold 2\nbuilders 3", "builders 3\nthreshold 2", "line 5: want \"threshold")]
    [InlineData("builder", "builder ci-a ed25519 ", "builder ci-a ", "\"builder\" is not <id> <type> <key id>")]
    [InlineData("delete", "key " + Primary + "\n", "key " + Primary + "\nkey " + Primary + "\n", "line 5: want \"time")]
    [InlineData("attestation", "attestation sha256:", "attestation sha1:", "\"attestation\" does not name a known hash")]
    [InlineData("attestation", "builder ci-a ", "builder ci-a ed25519 ", "\"builder\" is not <id> <key id>")]
    [InlineData("attestation", "digest sha512:", "digest sha384:", "\"digest\" does not name a known hash")]
    [InlineData("signature", "signature-entry 41", "signature-entry -1", "\"signature-entry\" is not a log index")]
    [InlineData("signature", "threshold 2", "threshold 3", "names 2 attestations, not \"threshold\" 3")]
    [InlineData("signature", "time 1764460800", "time 1764460800\nextra x", "unexpected \"extra\"")]
    [InlineData("signature", "time 1764460800", "time soon", "\"time\" is not unix seconds")]
    [InlineData("signature", "/gate/v1", "/gate/v2", "<origin>/<kind>/v1")]
    public void Parse_NotExactlyTheFormat_ThrowsNamingTheLine(string which, string original, string replacement, string message)
    {
        var text = which switch
        {
            "policy" => PolicyText,
            "builder" => BuilderText,
            "delete" => DeleteText,
            "attestation" => AttestationText,
            _ => SignatureText,
        };
        Assert.Contains(original, text, StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => LogEntry.Parse(Encoding.UTF8.GetBytes(text.Replace(original, replacement, StringComparison.Ordinal))));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static string Text(LogEntry entry) => Encoding.UTF8.GetString(entry.ToBytes());
}
