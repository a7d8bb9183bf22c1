using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;
using Xunit.Abstractions;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// The sample payloads and requests of the Go plugin's docs/http-api.md (LeSuisse/vault-gpg-plugin), replayed
/// unchanged for the endpoints we implement, checking that the response fields it documents are there. Where the
/// sample holds key material we cannot have (its truncated armored key, its ciphertext), gpg makes the equivalent.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class GoPluginExampleTests(EngineHostFixture fixture, ITestOutputHelper output)
{
    /// <summary>The Go documentation's sign/verify input ("Alpaca\n").</summary>
    private const string SampleInput = "QWxwYWNhCg==";

    /// <summary>The Go documentation's sample signature, made by a key of theirs (issuer 6BFC48F826D16D2C).</summary>
    private const string SampleSignature =
        "wsBcBAABCgAQBQJZme+7CRBr/Ej4JtFtLAAA8QcIACLtMWlH5860njpQsJZDIzH3T4mz2397lsd9/hsFDAQXEimuLKWmNdJsTEWXKGx1fvW+r6LEPs8HOLdzOMz2tq6M0WvgzHeWOFdEYmCapUlS68m0GnSFHIAFkq2fMVFHdTTmiLNuZwd+meEPL48hUO8QoGZLhS9IO+xOIisJWP+YIfiZBhmqhz0nVX3CnIzDZWAeJCE9TFGPHjFVNHXKN/IA+pdY4ntU1VOxmKCDqtu6qOrFR3ZghJBrDpDqiMHYmnJZ2AGPDVPKoAorvrLkR7eXNX71yRcutqohqS+xt6nGak2OF7UKwgj5bjk1y44lROFi8aVW4LEX7Jmt+2qwWBg=";

    private readonly EngineApi _api = fixture.Api;

    [GpgFact]
    public async Task CreateKey_GoSamplePayloadRsa4096_CreatesTheKeyGpgImports()
    {
        var name = EngineHostFixture.UniqueName("my-key");
        var payload = JsonNode.Parse("""{"real_name": "John Doe", "email": "john.doe@example.com", "key_bits": 4096}""")!;
        // RSA-4096 generation takes seconds, and much longer on a loaded CI machine: a client of its own with room.
        using var client = fixture.Host.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(3);
        var clock = Stopwatch.StartNew();

        var created = await new EngineApi(client).SendAsync(HttpMethod.Post, $"keys/{name}", payload);

        output.WriteLine($"RSA-4096 generation through the dev host: {clock.Elapsed.TotalSeconds:F1} s");
        // The Go plugin answers 204 with no body; we answer 200 with the key's facts (a compatible superset).
        created.AssertStatus(200);
        Assert.Equal(4096, created.Data["key_bits"]!.GetValue<int>());
        Assert.Equal("John Doe <john.doe@example.com>", created.Data["user_ids"]![0]!.GetValue<string>());
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(created.String("public_key")))).EnsureSuccess("--import");
        var listed = await gpg.ListKeysAsync();
        var gpgFingerprint = created.String("fingerprint").ToUpperInvariant();
        Assert.Contains(listed, r => r.Type == "fpr" && r.UserIdOrFingerprint == gpgFingerprint);
    }

    [GpgFact]
    public async Task CreateKey_GoSampleImportPayloadKeyOnly_ImportsThatKey()
    {
        await using var gpg = GpgOracle.Create();
        var fingerprint = await gpg.GenerateKeyAsync("Imported Example <imported@example.com>", "ed25519", "sign", "never", passphrase: "");
        var armored = Encoding.ASCII.GetString(await gpg.ExportSecretKeyAsync(fingerprint, passphrase: ""));
        var name = EngineHostFixture.UniqueName("my-imported-key");

        // The Go sample sends only "key": no "generate": false.
        var created = await _api.PostAsync($"keys/{name}", new JsonObject { ["key"] = armored });

        created.AssertStatus(200);
        Assert.Equal(fingerprint.ToLowerInvariant(), created.String("fingerprint"));
        Assert.True(created.Data["imported"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ReadKey_GoSampleRequest_HasTheDocumentedFields()
    {
        var answer = await _api.GetAsync($"keys/{EngineHostFixture.RsaKey}");

        answer.AssertStatus(200);
        Assert.False(answer.Data["exportable"]!.GetValue<bool>());
        // Lower-case hex, as the Go plugin answers it (hex.EncodeToString), not gpg's upper case.
        Assert.Matches("^[0-9a-f]{40}$", answer.String("fingerprint"));
        Assert.Equal(fixture.RsaFingerprint, answer.String("fingerprint"));
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", answer.String("public_key"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListKeys_GoSampleRequest_HasTheDocumentedKeysList()
    {
        var answer = await _api.SendAsync(EngineApi.List, "keys");

        answer.AssertStatus(200);
        Assert.Contains(EngineHostFixture.Ed25519Key, answer.Data["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
    }

    [Fact]
    public async Task DeleteKey_GoSampleRequest_NeedsDeletionAllowedThenReturns204()
    {
        var name = EngineHostFixture.UniqueName("my-key");
        await _api.CreateKeyAsync(name);

        // Unlike the Go plugin, a key is protected from a stray DELETE until deletion_allowed is set (issue 4).
        var refused = await _api.DeleteAsync($"keys/{name}");
        await _api.PostAsync($"keys/{name}/config", new JsonObject { ["deletion_allowed"] = true });
        var deleted = await _api.DeleteAsync($"keys/{name}");

        refused.AssertStatus(400);
        deleted.AssertStatus(204);
        Assert.Null(deleted.Body);
    }

    [GpgFact]
    public async Task ExportKey_GoSampleRequest_HasNameAndArmoredKeyGpgImports()
    {
        var name = EngineHostFixture.UniqueName("my-key");
        var created = await _api.CreateKeyAsync(name, JsonNode.Parse("""{"key_type": "ed25519", "exportable": true}""")!.AsObject());

        var answer = await _api.GetAsync($"export/{name}");

        answer.AssertStatus(200);
        Assert.Equal(name, answer.String("name"));
        Assert.StartsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----", answer.String("key"), StringComparison.Ordinal);
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(answer.String("key")))).EnsureSuccess("--import");
        var secret = await gpg.ListKeysAsync(secret: true);
        var gpgFingerprint = created.String("fingerprint").ToUpperInvariant();
        Assert.Contains(secret, r => r.Type == "fpr" && r.UserIdOrFingerprint == gpgFingerprint);
    }

    [GpgFact]
    public async Task SignAndVerify_GoSamplePayloadsWithSha512InUrl_SignatureVerifiesWithGpgAndVerifyIsValid()
    {
        var signed = await _api.SendAsync(HttpMethod.Post, $"sign/{EngineHostFixture.RsaKey}/sha2-512", JsonNode.Parse($$"""{"input": "{{SampleInput}}"}"""));
        var signature = signed.String("signature");
        var verified = await _api.SendAsync(
            HttpMethod.Post, $"verify/{EngineHostFixture.RsaKey}", JsonNode.Parse($$"""{"input": "{{SampleInput}}", "signature": "{{signature}}"}"""));

        signed.AssertStatus(200);
        verified.AssertStatus(200);
        Assert.True(verified.Data["valid"]!.GetValue<bool>());
        await using var gpg = GpgOracle.Create();
        await GpgChecks.ImportPublicKeyAsync(gpg, _api, EngineHostFixture.RsaKey);
        var (_, status) = await gpg.VerifyDetachedAsync(Convert.FromBase64String(SampleInput), Convert.FromBase64String(signature));
        Assert.True(status.Good, status.ToString());
        Assert.Equal(10, status.HashAlgorithm); // SHA-512
    }

    /// <summary>
    /// The Go plugin's sign takes expires (signature lifetime in seconds). We honour it (our default is 0, never, where
    /// Go's is one year): gpg must see the signature expiration time one hour after its creation.
    /// </summary>
    [GpgFact]
    public async Task Sign_GoExpiresParameter_SignatureExpiresThatLongAfterCreation()
    {
        var answer = await _api.SendAsync(
            HttpMethod.Post, $"sign/{EngineHostFixture.Ed25519Key}", JsonNode.Parse($$"""{"input": "{{SampleInput}}", "expires": 3600}"""));
        await using var gpg = GpgOracle.Create();
        await GpgChecks.ImportPublicKeyAsync(gpg, _api, EngineHostFixture.Ed25519Key);
        var (result, status) = await gpg.VerifyDetachedAsync(Convert.FromBase64String(SampleInput), Convert.FromBase64String(answer.String("signature")));

        answer.AssertStatus(200);
        Assert.True(status.Good, status.ToString());
        // VALIDSIG <fpr> <date> <sig-timestamp> <expire-timestamp> ...
        var validsig = result.StatusOf("VALIDSIG").Single().Arguments;
        Assert.Equal(3600, long.Parse(validsig[3], System.Globalization.CultureInfo.InvariantCulture) - long.Parse(validsig[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Verify_GoSampleSignatureOfAnotherKey_Returns200NotValid()
    {
        var answer = await _api.SendAsync(
            HttpMethod.Post, $"verify/{EngineHostFixture.RsaKey}", JsonNode.Parse($$"""{"input": "{{SampleInput}}", "signature": "{{SampleSignature}}"}"""));

        answer.AssertStatus(200);
        Assert.False(answer.Data["valid"]!.GetValue<bool>());
    }

    [GpgFact]
    public async Task DecryptAndShowSessionKey_GoSamplePayloadShape_ReturnPlaintextAndAUsableSessionKey()
    {
        await using var gpg = GpgOracle.Create();
        var recipient = await GpgChecks.ImportPublicKeyAsync(gpg, _api, EngineHostFixture.RsaKey);
        var plaintext = "Alpacas\n"u8.ToArray();
        var ciphertext = Encoding.ASCII.GetString(await gpg.EncryptAsync(recipient, plaintext, armor: true));
        var payload = new JsonObject { ["format"] = "ascii-armor", ["ciphertext"] = ciphertext };

        var decrypted = await _api.PostAsync($"decrypt/{EngineHostFixture.RsaKey}", payload.DeepClone());
        var sessionKey = await _api.PostAsync($"show-session-key/{EngineHostFixture.RsaKey}", payload.DeepClone());

        decrypted.AssertStatus(200);
        Assert.Equal(plaintext, Convert.FromBase64String(decrypted.String("plaintext")));
        sessionKey.AssertStatus(200);
        Assert.Matches("^[0-9]+:[0-9A-F]+$", sessionKey.String("session_key"));
        // gpg, holding no secret key, decrypts with the session key we showed.
        var withSessionKey = await gpg.RunAsync(
            ["--override-session-key", sessionKey.String("session_key"), "--output", "-", "--decrypt", "-"], Encoding.ASCII.GetBytes(ciphertext));
        Assert.Equal(plaintext, withSessionKey.EnsureSuccess("--override-session-key").Stdout);
    }
}
