using System.Security.Cryptography;
using System.Text;
using VaultGpg.TestSupport;

namespace VaultGpg.Attestation.Tests;

/// <summary>Links as Debian's in-toto-run 1.3.1 writes them, signed with in-toto-keygen keys and with gpg.</summary>
public sealed class AttestationDocumentTests(RebuilderFixture fixture) : IClassFixture<RebuilderFixture>
{
    private static readonly byte[] Artifact = Encoding.ASCII.GetBytes("hello-1.0.tar.gz, as built\n");

    [InTotoTheory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    [InlineData("ecdsa")]
    public async Task Link_InTotoKey_VerifiesAndNamesTheProduct(string type)
    {
        var link = await fixture.Builders.LinkAsync(type, type, "hello.tar.gz", Artifact);
        var key = BuilderKey.Parse(type, fixture.PublicKeys[type]);

        var document = AttestationDocument.Parse(link);
        var signers = document.VerifySigners(new Dictionary<string, BuilderKey> { ["b"] = key });

        Assert.Equal(["b"], signers);
        Assert.Equal(key.KeyId, Assert.Single(document.Signatures).KeyId);
        var product = Assert.Single(document.Artifacts);
        Assert.Equal("hello.tar.gz", product.Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Artifact)), product.Sha256);
        Assert.Equal("rebuild", document.Name);
    }

    [InTotoFact]
    public async Task Link_Gpg_Verifies()
    {
        var link = await fixture.Builders.GpgLinkAsync(fixture.GpgFingerprint, "hello.tar.gz", Artifact);
        var key = BuilderKey.Parse("openpgp", fixture.PublicKeys["openpgp"]);

        var signers = AttestationDocument.Parse(link).VerifySigners(new Dictionary<string, BuilderKey> { ["g"] = key });

        Assert.Equal(["g"], signers);
        Assert.Equal(fixture.GpgFingerprint.ToLowerInvariant(), key.KeyId);
    }

    [InTotoTheory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    [InlineData("ecdsa")]
    [InlineData("openpgp")]
    public async Task Link_ProductDigestChanged_BadSignature(string type)
    {
        var link = await LinkAsync(type);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Artifact));
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(link).Replace(digest, Convert.ToHexStringLower(SHA256.HashData("other"u8)), StringComparison.Ordinal));
        var builders = new Dictionary<string, BuilderKey> { ["b"] = BuilderKey.Parse(type, fixture.PublicKeys[type]) };

        var e = Assert.Throws<AttestationException>(() => AttestationDocument.Parse(tampered).VerifySigners(builders));

        Assert.StartsWith("bad signature", e.Message, StringComparison.Ordinal);
    }

    [InTotoFact]
    public async Task Link_ReformattedJson_StillVerifies()
    {
        // The signature is over the canonical form, not the file's bytes: in-toto itself re-indents freely.
        var link = await LinkAsync("ed25519");
        var compact = Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(link)!.ToJsonString());
        var builders = new Dictionary<string, BuilderKey> { ["b"] = BuilderKey.Parse("ed25519", fixture.PublicKeys["ed25519"]) };

        Assert.Equal(["b"], AttestationDocument.Parse(compact).VerifySigners(builders));
    }

    [InTotoFact]
    public async Task Link_FromKeyNotInPolicy_UnknownBuilder()
    {
        var link = await LinkAsync("rsa");
        var builders = new Dictionary<string, BuilderKey>
        {
            ["a"] = BuilderKey.Parse("ed25519", fixture.PublicKeys["ed25519"]),
            ["g"] = BuilderKey.Parse("openpgp", fixture.PublicKeys["openpgp"]),
        };

        var e = Assert.Throws<AttestationException>(() => AttestationDocument.Parse(link).VerifySigners(builders));

        Assert.StartsWith("unknown builder", e.Message, StringComparison.Ordinal);
    }

    [InTotoFact]
    public async Task Dsse_StatementSignedBySecuresystemslib_Verifies_AndTamperedIsRefused()
    {
        var statement = $$$"""{"_type": "https://in-toto.io/Statement/v1", "subject": [{"name": "hello.tar.gz", "digest": {"sha256": "{{{Convert.ToHexStringLower(SHA256.HashData(Artifact))}}}", "sha512": "{{{Convert.ToHexStringLower(SHA512.HashData(Artifact))}}}"}}], "predicateType": "https://slsa.dev/provenance/v1", "predicate": {}}""";
        var envelope = await fixture.Builders.DsseAsync("ed25519", statement);
        var builders = new Dictionary<string, BuilderKey> { ["b"] = BuilderKey.Parse("ed25519", fixture.PublicKeys["ed25519"]) };

        var document = AttestationDocument.Parse(envelope);
        var signers = document.VerifySigners(builders);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(envelope).Replace(
            Convert.ToBase64String(Encoding.UTF8.GetBytes(statement)), Convert.ToBase64String(Encoding.UTF8.GetBytes(statement.Replace("hello", "hellx", StringComparison.Ordinal))), StringComparison.Ordinal));

        Assert.Equal(["b"], signers);
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(Artifact)), Assert.Single(document.Artifacts).Sha512);
        Assert.StartsWith("bad signature", Assert.Throws<AttestationException>(() => AttestationDocument.Parse(tampered).VerifySigners(builders)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"signed": {"_type": "layout"}, "signatures": []}""", "_type must be \"link\"")]
    [InlineData("""{"signed": {"_type": "link", "name": "x", "products": {"a": {"md5": "00"}}}, "signatures": []}""", "no artifact")]
    [InlineData("""{"signed": {"_type": "link", "name": "x", "products": {"a": {"sha256": "00"}}}, "signatures": []}""", "64 hex digits")]
    [InlineData("""{"signed": {"_type": "link", "_type": "link"}, "signatures": []}""", "not valid JSON")]
    [InlineData("""{"payloadType": "text/plain", "payload": "", "signatures": []}""", "is not application/vnd.in-toto+json")]
    [InlineData("""{"payloadType": "application/vnd.in-toto+json", "payload": "e30=", "signatures": []}""", "not an in-toto Statement v1")]
    [InlineData("""{"signed": {"_type": "link", "name": "x", "products": {"a": {"sha256": "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"}}, "n": 1.0}, "signatures": []}""", "not an integer")]
    public void Parse_Malformed_Refused(string document, string expected)
    {
        var e = Assert.Throws<AttestationException>(() => AttestationDocument.Parse(Encoding.UTF8.GetBytes(document)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4300, null)]
    [InlineData(4301, "at most 4300 digits")]
    [InlineData(0, "at most 64 are read")]
    public void Parse_Limits(int digits, string? expected)
    {
        // digits 0: 65 signatures instead of a long integer.
        var signatures = string.Join(", ", Enumerable.Repeat("""{"keyid": "00", "sig": "00"}""", digits == 0 ? 65 : 1));
        var document = Encoding.UTF8.GetBytes($$$"""{"signed": {"_type": "link", "name": "x", "products": {"a": {"sha256": "{{{new string('a', 64)}}}"}}, "n": {{{new string('9', Math.Max(digits, 1))}}}}, "signatures": [{{{signatures}}}]}""");

        var e = Record.Exception(() => AttestationDocument.Parse(document));

        if (expected is null)
        {
            Assert.Null(e);
        }
        else
        {
            Assert.Contains(expected, Assert.IsType<AttestationException>(e).Message, StringComparison.Ordinal);
        }
    }

    private Task<byte[]> LinkAsync(string type) => type == "openpgp"
        ? fixture.Builders.GpgLinkAsync(fixture.GpgFingerprint, "hello.tar.gz", Artifact)
        : fixture.Builders.LinkAsync(type, type, "hello.tar.gz", Artifact);
}
