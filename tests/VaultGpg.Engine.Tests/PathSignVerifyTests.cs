using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

public sealed class PathSignVerifyTests : IAsyncLifetime
{
    private static readonly byte[] Artefact = Encoding.UTF8.GetBytes("vaultgpg-1.0.0.tar.gz contents\n");
    private readonly GpgOracle _gpg = GpgOracle.Create();
    private TestBackend _backend = null!;
    private string _fingerprint = "";

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.CreateAsync();
        var created = await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" });
        _fingerprint = created.Text("fingerprint");
        if (ExternalProcess.IsOnPath("gpg"))
        {
            (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(created.Text("public_key")))).EnsureSuccess("import");
        }
    }

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [GpgTheory]
    [InlineData("sha2-224", 11)]
    [InlineData("sha2-256", 8)]
    [InlineData("sha2-384", 9)]
    [InlineData("sha2-512", 10)]
    public async Task Sign_EachAlgorithmWithRsa_GpgVerifiesWithThatHash(string algorithm, int gpgHashId)
    {
        var created = await _backend.WriteAsync("keys/rsa", new { key_type = "rsa", key_bits = 2048, real_name = "RSA" });
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(created.Text("public_key")))).EnsureSuccess("import");

        var signed = await _backend.WriteAsync("sign/rsa", new { input = Convert.ToBase64String(Artefact), algorithm });

        var (_, status) = await _gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(signed.Text("signature")));

        Assert.True(status.Good, status.ToString());
        Assert.Equal(gpgHashId, status.HashAlgorithm);
        Assert.Equal(algorithm, signed.Text("hash"));
        Assert.Equal(created.Text("fingerprint"), status.PrimaryFingerprint?.ToLowerInvariant());
    }

    [GpgFact]
    public async Task Sign_AlgorithmInUrl_WinsOverBodyAndArmorVerifies()
    {
        var signed = await _backend.WriteAsync("sign/release/sha2-512", new { input = Convert.ToBase64String(Artefact), algorithm = "sha2-256", format = "ascii-armor" });

        var signature = signed.Text("signature");
        var (_, status) = await _gpg.VerifyDetachedAsync(Artefact, Encoding.ASCII.GetBytes(signature));

        Assert.StartsWith("-----BEGIN PGP SIGNATURE-----", signature, StringComparison.Ordinal);
        Assert.True(status.Good, status.ToString());
        Assert.Equal(10, status.HashAlgorithm);
    }

    [GpgFact]
    public async Task Sign_TamperedInput_GpgRejects()
    {
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });
        var tampered = Artefact.ToArray();
        tampered[0] ^= 1;

        var (_, status) = await _gpg.VerifyDetachedAsync(tampered, Convert.FromBase64String(signed.Text("signature")));

        Assert.False(status.Valid);
    }

    [GpgFact]
    public async Task Sign_Clearsign_GpgVerifiesAndReturnsTextExactly()
    {
        const string release = "Origin: VaultGpg\nSuite: stable\n-dash line\nMD5Sum: none  \n";

        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Encoding.UTF8.GetBytes(release)), mode = "clearsign" });
        var message = signed.Text("signed_message");
        var (result, status) = await _gpg.VerifyInlineAsync(Encoding.UTF8.GetBytes(message));

        Assert.True(status.Good, status.ToString());
        Assert.Contains("- -dash line", message, StringComparison.Ordinal);
        Assert.Equal(release.Replace("  \n", "\n", StringComparison.Ordinal), result.StdoutText);
    }

    [GpgFact]
    public async Task Sign_HashState_GpgVerifiesAgainstTheFile()
    {
        var data = new byte[300_000];
        Random.Shared.NextBytes(data);
        var hash = ResumableHash.Create(HashAlgorithm.Sha512);
        hash.Append(data);

        var signed = await _backend.WriteAsync("sign/release", new { hash_state = Convert.ToBase64String(hash.ExportState()) });
        var (_, status) = await _gpg.VerifyDetachedAsync(data, Convert.FromBase64String(signed.Text("signature")));

        Assert.True(status.Good, status.ToString());
        Assert.Equal(10, status.HashAlgorithm);
        Assert.Equal("sha2-512", signed.Text("hash"));
    }

    [Theory]
    [InlineData("{}", "input")]
    [InlineData("{\"input\":\"QQ==\",\"hash_state\":\"QQ==\"}", "hash_state")]
    [InlineData("{\"input\":\"%%%\"}", "input")]
    [InlineData("{\"input\":\"QQ==\",\"algorithm\":\"md5\"}", "algorithm")]
    [InlineData("{\"input\":\"QQ==\",\"algorithm\":\"sha1\"}", "algorithm")]
    [InlineData("{\"input\":\"QQ==\",\"format\":\"pem\"}", "format")]
    [InlineData("{\"input\":\"QQ==\",\"mode\":\"inline\"}", "mode")]
    [InlineData("{\"input\":\"QQ==\",\"mode\":\"clearsign\",\"text\":true}", "text")]
    [InlineData("{\"hash_state\":\"AAAA\"}", "hash_state")]
    [InlineData("{\"input\":{\"a\":1}}", "input")]
    [InlineData("{\"input\":\"QQ==\",\"algorithm\":\"sha2-224\"}", "too short")]
    [InlineData("{\"batch_input\":[]}", "batch_input")]
    [InlineData("{\"batch_input\":\"nope\"}", "batch_input")]
    [InlineData("{\"batch_input\":[{\"input\":\"QQ==\"}],\"input\":\"QQ==\"}", "batch_input")]
    [InlineData("{\"input\":\"/w==\",\"mode\":\"clearsign\"}", "UTF-8")]
    [InlineData("{\"input\":\"QQ==\",\"expires\":-5}", "expires")]
    [InlineData("{\"input\":\"QQ==\",\"expires\":\"soon\"}", "expires")]
    public async Task Sign_BadInput_Returns400NamingTheProblem(string body, string mentioned)
    {
        var signed = await _backend.WriteAsync("sign/release", System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(400, signed.Status(Operation.Update));
        Assert.Contains(mentioned, signed.ErrorMessage, StringComparison.Ordinal);
    }

    [GpgTheory]
    [InlineData("detached", 3600)]
    [InlineData("detached", 0)]
    [InlineData("clearsign", 86400)]
    public async Task Sign_Expires_GpgReportsThatExpiry(string mode, int expires)
    {
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact), mode, expires });

        var (result, status) = mode == "clearsign"
            ? await _gpg.VerifyInlineAsync(Encoding.UTF8.GetBytes(signed.Text("signed_message")))
            : await _gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(signed.Text("signature")));

        Assert.True(status.Good, result.ToString());
        var expiry = long.Parse(result.StatusOf("VALIDSIG").Single().Arguments[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expires == 0 ? 0 : status.CreationTime!.Value.ToUnixTimeSeconds() + expires, expiry);
    }

    [GpgFact]
    public async Task Sign_NoExpires_NeverExpiresUnlikeGoDefault()
    {
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        var (result, status) = await _gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(signed.Text("signature")));

        Assert.True(status.Good, result.ToString());
        Assert.Equal("0", result.StatusOf("VALIDSIG").Single().Arguments[3]);
    }

    [Fact]
    public async Task Sign_UnknownKey_Returns400KeyNotFound()
    {
        var signed = await _backend.WriteAsync("sign/nope", new { input = "QQ==" });

        Assert.Equal(400, signed.Status(Operation.Update));
        Assert.Contains("key not found", signed.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_BatchOverLimit_Returns400()
    {
        var items = Enumerable.Range(0, 5001).Select(_ => new { input = "QQ==" }).ToArray();

        var signed = await _backend.WriteAsync("sign/release", new { batch_input = items });

        Assert.Equal(400, signed.Status(Operation.Update));
        Assert.Contains("5000", signed.ErrorMessage, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task SignBatch_200ItemsOneBad_ResultsInOrderWithOneErrorAndGoodOnesVerify()
    {
        // Arrange
        var inputs = Enumerable.Range(0, 200).Select(i => Encoding.UTF8.GetBytes($"package-{i}.rpm")).ToArray();
        var items = inputs.Select((d, i) => new JsonObject
        {
            ["input"] = i == 137 ? "not base64!" : Convert.ToBase64String(d),
            ["reference"] = $"pkg-{i}",
        }).ToArray();

        // Act
        var signed = await _backend.WriteAsync("sign/release", new JsonObject { ["batch_input"] = new JsonArray(items) });
        var results = signed.Data["batch_results"]!.AsArray();
        var verifyItems = results.Select((r, i) => (r, i)).Where(x => x.i != 137)
            .Select(x => new JsonObject { ["input"] = Convert.ToBase64String(inputs[x.i]), ["signature"] = x.r!["signature"]!.GetValue<string>(), ["reference"] = x.i })
            .ToArray();
        var verified = await _backend.WriteAsync("verify/release", new JsonObject { ["batch_input"] = new JsonArray(verifyItems) });

        // Assert
        Assert.Equal(200, signed.Status(Operation.Update));
        Assert.Equal(200, results.Count);
        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal($"pkg-{x.i}", x.r!["reference"]!.GetValue<string>()));
        Assert.Single(results, r => r!["error"] is not null);
        Assert.Contains("batch_input[137]", results[137]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var verifiedResults = verified.Data["batch_results"]!.AsArray();
        Assert.Equal(199, verifiedResults.Count);
        Assert.All(verifiedResults, r => Assert.True(r!["valid"]!.GetValue<bool>(), r.ToJsonString()));
        var (_, status) = await _gpg.VerifyDetachedAsync(inputs[199], Convert.FromBase64String(results[199]!["signature"]!.GetValue<string>()));
        Assert.True(status.Good, status.ToString());
    }

    [GpgFact]
    public async Task Verify_GpgSignature_ValidWithKeyIdAndHash()
    {
        var backend = await TestBackend.CreateAsync();
        var fingerprint = await _gpg.GenerateKeyAsync("Other <other@example.com>", "ed25519", "sign");
        var secret = await _gpg.ExportSecretKeyAsync(fingerprint);
        await backend.WriteAsync("keys/other", new { generate = false, key = Encoding.ASCII.GetString(secret) });
        var signature = (await _gpg.SignDetachedAsync(fingerprint, Artefact)).Stdout;

        var verified = await backend.WriteAsync("verify/other", new { input = Convert.ToBase64String(Artefact), signature = Convert.ToBase64String(signature) });

        Assert.True(verified.Data["valid"]!.GetValue<bool>(), verified.ToString());
        Assert.Equal(fingerprint[^16..].ToLowerInvariant(), verified.Text("key_id"));
    }

    [Fact]
    public async Task Verify_SignatureFromOtherKey_ReturnsValidFalse()
    {
        await _backend.WriteAsync("keys/other", new { key_type = "ed25519", real_name = "Test" });
        var signed = await _backend.WriteAsync("sign/other", new { input = Convert.ToBase64String(Artefact) });

        var verified = await _backend.WriteAsync("verify/release", new { input = Convert.ToBase64String(Artefact), signature = signed.Text("signature") });

        Assert.Equal(200, verified.Status(Operation.Update));
        Assert.False(verified.Data["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Verify_TamperedInput_ReturnsValidFalse()
    {
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        var verified = await _backend.WriteAsync("verify/release", new { input = Convert.ToBase64String("other"u8.ToArray()), signature = signed.Text("signature") });

        Assert.False(verified.Data["valid"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("{\"input\":\"QQ==\",\"signature\":\"AAAA\"}")]
    [InlineData("{\"input\":\"QQ==\",\"signature\":\"-----BEGIN PGP SIGNATURE-----\\n\\nAAAA\\n=AAAA\\n-----END PGP SIGNATURE-----\",\"format\":\"ascii-armor\"}")]
    [InlineData("{\"input\":\"QQ==\",\"signature\":\"not base64!\"}")]
    [InlineData("{\"signed_message\":\"hello\"}")]
    public async Task Verify_MalformedSignature_ValidFalseWithStatusMalformed(string body)
    {
        // A signature that is not one does not verify: 200 valid false (as the Go plugin), not bad input.
        var verified = await _backend.WriteAsync("verify/release", System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(200, verified.Status(Operation.Update));
        Assert.False(verified.Data["valid"]!.GetValue<bool>());
        Assert.Equal("malformed", verified.Text("status"));
        Assert.False(string.IsNullOrEmpty(verified.Text("reason")));
    }

    [Theory]
    [InlineData("{\"input\":\"QQ==\"}")]
    [InlineData("{\"signature\":\"AAAA\"}")]
    [InlineData("{\"input\":\"QQ==\",\"signature\":\"AAAA\",\"signed_message\":\"x\"}")]
    public async Task Verify_MissingOrConflictingField_Returns400(string body)
    {
        var verified = await _backend.WriteAsync("verify/release", System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(400, verified.Status(Operation.Update));
        Assert.False(string.IsNullOrEmpty(verified.ErrorMessage));
    }
}
