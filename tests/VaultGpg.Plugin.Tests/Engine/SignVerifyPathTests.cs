using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>sign/:name(/:algorithm) and verify/:name status codes and answers through the dev host's HTTP API.</summary>
[Collection(EngineCollection.Name)]
public sealed class SignVerifyPathTests(EngineHostFixture fixture)
{
    private static readonly string Input = Convert.ToBase64String(Encoding.UTF8.GetBytes("signed through the dev host\n"));

    private readonly EngineApi _api = fixture.Api;

    [Theory]
    [InlineData(EngineHostFixture.Ed25519Key)]
    [InlineData(EngineHostFixture.RsaKey)]
    public async Task Sign_ExistingKey_Returns200WithSignatureAndKeyFacts(string key)
    {
        var answer = await _api.PostAsync($"sign/{key}", new JsonObject { ["input"] = Input });

        answer.AssertStatus(200);
        Assert.NotEmpty(Convert.FromBase64String(answer.String("signature")));
        Assert.Matches("^[0-9a-f]{16}$", answer.String("key_id"));
        Assert.Matches("^[0-9a-f]{40}$", answer.String("fingerprint"));
        Assert.Equal("sha2-256", answer.String("hash"));
    }

    [Theory]
    [InlineData("sha2-224")]
    [InlineData("sha2-384")]
    [InlineData("sha2-512")]
    public async Task Sign_AlgorithmInUrl_UsesIt(string algorithm)
    {
        var answer = await _api.PostAsync($"sign/{EngineHostFixture.RsaKey}/{algorithm}", new JsonObject { ["input"] = Input, ["algorithm"] = "sha2-256" });

        answer.AssertStatus(200);
        Assert.Equal(algorithm, answer.String("hash"));
    }

    [Fact]
    public async Task Sign_UnknownAlgorithmInUrl_Returns400NamingTheAlgorithm()
    {
        var answer = await _api.PostAsync($"sign/{EngineHostFixture.RsaKey}/sha1", new JsonObject { ["input"] = Input });

        answer.AssertStatus(400);
        Assert.Contains("algorithm", answer.Errors, StringComparison.Ordinal);
        Assert.Contains("sha1", answer.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_MissingKey_Returns400KeyNotFound()
    {
        var answer = await _api.PostAsync("sign/" + EngineHostFixture.UniqueName("nosign"), new JsonObject { ["input"] = Input });

        answer.AssertStatus(400);
        Assert.Contains("key not found", answer.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_Clearsign_Returns200WithSignedMessage()
    {
        var answer = await _api.PostAsync($"sign/{EngineHostFixture.Ed25519Key}", new JsonObject { ["input"] = Input, ["mode"] = "clearsign" });

        answer.AssertStatus(200);
        Assert.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----", answer.String("signed_message"), StringComparison.Ordinal);
        Assert.Null(answer.Data["signature"]);
    }

    [Theory]
    [InlineData("""{"input":"QQ==","signature":"@@@"}""")]
    [InlineData("""{"input":"QQ==","signature":"QUJDREVGR0g="}""")]
    [InlineData("""{"input":"QQ==","signature":"not armor","format":"ascii-armor"}""")]
    [InlineData("""{"signed_message":"just text"}""")]
    public async Task Verify_SignatureThatIsNotOne_Returns200MalformedNotValid(string body)
    {
        // As the Go plugin: a signature that does not decode or parse does not verify; it is not bad input.
        var answer = await _api.SendRawAsync(HttpMethod.Post, $"verify/{EngineHostFixture.Ed25519Key}", body);

        answer.AssertStatus(200);
        Assert.False(answer.Data["valid"]!.GetValue<bool>());
        Assert.Equal("malformed", answer.String("status"));
    }

    [Fact]
    public async Task Verify_OwnSignature_Returns200Valid()
    {
        var signature = (await _api.PostAsync($"sign/{EngineHostFixture.Ed25519Key}", new JsonObject { ["input"] = Input })).String("signature");

        var answer = await _api.PostAsync($"verify/{EngineHostFixture.Ed25519Key}", new JsonObject { ["input"] = Input, ["signature"] = signature });

        answer.AssertStatus(200);
        Assert.True(answer.Data["valid"]!.GetValue<bool>());
        Assert.Equal("sha2-256", answer.String("hash"));
    }

    [Fact]
    public async Task Verify_ArmoredClearsignedMessage_Returns200Valid()
    {
        var signed = (await _api.PostAsync($"sign/{EngineHostFixture.RsaKey}", new JsonObject { ["input"] = Input, ["mode"] = "clearsign" })).String("signed_message");

        var answer = await _api.PostAsync($"verify/{EngineHostFixture.RsaKey}", new JsonObject { ["signed_message"] = signed });

        answer.AssertStatus(200);
        Assert.True(answer.Data["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Verify_OtherInput_Returns200NotValid()
    {
        var signature = (await _api.PostAsync($"sign/{EngineHostFixture.Ed25519Key}", new JsonObject { ["input"] = Input, ["format"] = "ascii-armor" })).String("signature");

        var answer = await _api.PostAsync(
            $"verify/{EngineHostFixture.Ed25519Key}",
            new JsonObject { ["input"] = Convert.ToBase64String("other"u8), ["signature"] = signature, ["format"] = "ascii-armor" });

        answer.AssertStatus(200);
        Assert.False(answer.Data["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Verify_SignatureOfOtherKey_Returns200NotValid()
    {
        var signature = (await _api.PostAsync($"sign/{EngineHostFixture.RsaKey}", new JsonObject { ["input"] = Input })).String("signature");

        var answer = await _api.PostAsync($"verify/{EngineHostFixture.Ed25519Key}", new JsonObject { ["input"] = Input, ["signature"] = signature });

        answer.AssertStatus(200);
        Assert.False(answer.Data["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Verify_MissingKey_Returns400KeyNotFound()
    {
        var answer = await _api.PostAsync(
            "verify/" + EngineHostFixture.UniqueName("noverify"), new JsonObject { ["input"] = Input, ["signature"] = Input });

        answer.AssertStatus(400);
        Assert.Contains("key not found", answer.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decrypt")]
    [InlineData("show-session-key")]
    public async Task Decrypt_MissingKey_Returns400KeyNotFound(string path)
    {
        var answer = await _api.PostAsync($"{path}/" + EngineHostFixture.UniqueName("nodecrypt"), new JsonObject { ["ciphertext"] = Input });

        answer.AssertStatus(400);
        Assert.Contains("key not found", answer.Errors, StringComparison.Ordinal);
    }

    [GpgTheory]
    [InlineData("decrypt")]
    [InlineData("show-session-key")]
    public async Task Decrypt_MessageNotEncryptedToTheKey_Returns400(string path)
    {
        await using var gpg = GpgOracle.Create();
        var recipient = await GpgChecks.ImportPublicKeyAsync(gpg, _api, EngineHostFixture.RsaKey);
        var message = await gpg.EncryptAsync(recipient, "for the RSA key only"u8.ToArray());

        // Encrypted to the RSA key, sent to the Ed25519 key's path.
        var answer = await _api.PostAsync($"{path}/{EngineHostFixture.Ed25519Key}", new JsonObject { ["ciphertext"] = Convert.ToBase64String(message) });

        answer.AssertStatus(400);
    }

    [Theory]
    [InlineData("GET", "nothing/here")]
    [InlineData("POST", "sign")]
    [InlineData("POST", "sign/")]
    [InlineData("POST", "verify/a/b")]
    [InlineData("GET", "keys/a/b")]
    [InlineData("POST", "keys/a/config/extra")]
    [InlineData("GET", "export-public/")]
    public async Task UnknownPath_Returns404UnsupportedPath(string method, string path)
    {
        var answer = await _api.SendRawAsync(new HttpMethod(method), path, method == "POST" ? "{}" : null);

        answer.AssertStatus(404);
        Assert.Contains("unsupported path", answer.Errors, StringComparison.Ordinal);
    }

    /// <summary>Names outside letters, digits, _, - and . are not paths (404) or refused (400); never a 500.</summary>
    [Theory]
    [InlineData("GET", "keys/bad%20name")]
    [InlineData("POST", "keys/bad%20name")]
    [InlineData("POST", "keys/semi;colon")]
    [InlineData("POST", "keys/%C3%BCnicode")]
    [InlineData("POST", "keys/tab%09name")]
    [InlineData("POST", "keys/nul%00name")]
    [InlineData("POST", "keys/quote%22name")]
    [InlineData("POST", "keys/star*")]
    [InlineData("POST", "sign/bad%20name")]
    [InlineData("POST", "sign/a%2Fb")]
    [InlineData("GET", "export/bad$name")]
    [InlineData("POST", "verify/~user")]
    [InlineData("POST", "decrypt/x%25y")]
    [InlineData("DELETE", "keys/bad%20name")]
    public async Task KeyName_WithCharactersOutsideTheNameRegex_Returns404Or400NotServerError(string method, string path)
    {
        var answer = await _api.SendRawAsync(new HttpMethod(method), path, method == "POST" ? """{"key_type":"ed25519","input":"QQ=="}""" : null);

        Assert.True(answer.Status is 404 or 400, answer.ToString());
    }
}
