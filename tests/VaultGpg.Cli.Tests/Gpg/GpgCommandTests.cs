using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.Gpg;

public sealed class GpgCommandTests : IDisposable
{
    private const string Fingerprint = FakeKeys.Fingerprint;

    /// <summary>The fingerprint as gpg's status lines carry it: upper case, whatever case Vault answers.</summary>
    private static readonly string GpgFingerprint = Fingerprint.ToUpperInvariant();
    private readonly string _directory = TemporaryDirectory.CreateShort("vgc-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [Fact]
    public async Task Gpg_RpmsignCall_PostsStdinAndWritesBinarySignatureToOutput()
    {
        // Arrange
        var cli = SigningCli(FakeSignature.Packet());
        cli.Stdin = Encoding.ASCII.GetBytes("rpm header bytes");
        var output = Path.Combine(_directory, "pkg.rpm.sig");

        // Act
        var exit = await cli.RunAsync("gpg", "--no-verbose", "--no-armor", "--no-secmem-warning", "-u", "release", "-sbo", output, "--", "-");

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal(FakeSignature.Packet(), await File.ReadAllBytesAsync(output));
        var request = Assert.Single(cli.Vault.Requests, r => r.Method == "POST");
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/gpg/sign/release", request.Path);
        Assert.Equal("test-token", request.Header("X-Vault-Token"));
        Assert.Equal(Convert.ToBase64String(cli.Stdin), request.Body!["input"]!.GetValue<string>());
        Assert.Equal("sha2-256", request.Body["algorithm"]!.GetValue<string>());
        Assert.Equal("", cli.Error);
    }

    [Fact]
    public async Task Gpg_GitCall_ArmoredSignatureOnStdoutAndSigCreatedOnStderr()
    {
        var cli = SigningCli(FakeSignature.Packet(signatureClass: 0, publicKeyAlgorithm: 22, hashAlgorithm: 10, created: 1_750_000_000));
        cli.Stdin = Encoding.ASCII.GetBytes("tree 123\n\ncommit message\n");

        var exit = await cli.RunAsync("gpg", "--status-fd=2", "-bsau", "release", "--digest-algo", "SHA512");

        Assert.Equal(0, exit);
        var armored = Encoding.ASCII.GetString(cli.Stdout);
        Assert.StartsWith("-----BEGIN PGP SIGNATURE-----\n", armored, StringComparison.Ordinal);
        Assert.Contains($"\n[GNUPG:] SIG_CREATED D 22 10 00 1750000000 {GpgFingerprint}\n", cli.Error, StringComparison.Ordinal);
        Assert.Equal("sha2-512", SignRequestOf(cli).Body!["algorithm"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gpg_Clearsign_WritesSignedMessageAndAsksForClearsignMode()
    {
        var armoredSignature = OpenPgp.Signing.Armor.Encode(FakeSignature.Packet(signatureClass: 1), OpenPgp.Signing.ArmorKind.Signature);
        var signed = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: test\n" + armoredSignature;
        var cli = new TestCli();
        cli.Vault.Respond = _ => FakeVault.Data(new JsonObject { ["signed_message"] = signed, ["fingerprint"] = Fingerprint });
        var release = Path.Combine(_directory, "Release");
        await File.WriteAllTextAsync(release, "Origin: test\n");
        var inRelease = Path.Combine(_directory, "InRelease");

        var exit = await cli.RunAsync("gpg", "--batch", "--yes", "--status-fd", "1", "-u", "release", "--clearsign", "-o", inRelease, release);

        Assert.Equal(0, exit);
        Assert.Equal(signed, await File.ReadAllTextAsync(inRelease));
        Assert.Equal("clearsign", SignRequestOf(cli).Body!["mode"]!.GetValue<string>());
        Assert.Contains("[GNUPG:] SIG_CREATED C 1 8 01 1700000000 " + GpgFingerprint, cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gpg_UnsupportedOption_Exit2NamesItAndWritesNothing()
    {
        var cli = SigningCli(FakeSignature.Packet());
        var output = Path.Combine(_directory, "out.sig");

        var exit = await cli.RunAsync("gpg", "-bsau", "release", "--encrypt-to", "x", "-o", output);

        Assert.Equal(2, exit);
        Assert.Contains("--encrypt-to", cli.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(cli.Vault.Requests);
    }

    [Fact]
    public async Task Gpg_ExistingOutputWithoutYes_Exit2AndFileUnchanged()
    {
        var cli = SigningCli(FakeSignature.Packet());
        var output = Path.Combine(_directory, "Release.gpg");
        await File.WriteAllTextAsync(output, "old");

        var exit = await cli.RunAsync("gpg", "-u", "release", "-abs", "-o", output);

        Assert.Equal(2, exit);
        Assert.Contains("--yes", cli.Error, StringComparison.Ordinal);
        Assert.Equal("old", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task Gpg_NamedInputWithoutOutput_WritesNextToInputLikeGpg()
    {
        var cli = SigningCli(FakeSignature.Packet());
        var input = Path.Combine(_directory, "file.txt");
        await File.WriteAllTextAsync(input, "data");

        Assert.Equal(0, await cli.RunAsync("gpg", "-u", "release", "--detach-sign", "--armor", input));

        Assert.StartsWith("-----BEGIN PGP SIGNATURE-----", await File.ReadAllTextAsync(input + ".asc"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gpg_LargeInputFile_SendsHashStateOfTheWholeFile()
    {
        var cli = SigningCli(FakeSignature.Packet());
        var input = Path.Combine(_directory, "big.iso");
        var content = new byte[300_000];
        new Random(7).NextBytes(content);
        await File.WriteAllBytesAsync(input, content);
        var expected = ResumableHash.Create(HashAlgorithm.Sha256);
        expected.Append(content);

        Assert.Equal(0, await cli.RunAsync("gpg", "-u", "release", "-b", "-o", input + ".sig", input));

        var body = SignRequestOf(cli).Body!;
        Assert.Null(body["input"]);
        Assert.Equal(Convert.ToBase64String(expected.ExportState()), body["hash_state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gpg_TextModeLargeFile_SentAsInputWithTextFlag()
    {
        // Text mode canonicalises line endings on the signer's side, so even a large file cannot go as a hash state.
        var cli = SigningCli(FakeSignature.Packet(signatureClass: 1));
        var input = Path.Combine(_directory, "big.txt");
        await File.WriteAllTextAsync(input, string.Concat(Enumerable.Repeat("line of text\r\n", 20_000)));

        Assert.Equal(0, await cli.RunAsync("gpg", "-u", "release", "-bt", "-o", input + ".sig", input));

        var body = SignRequestOf(cli).Body!;
        Assert.True(body["text"]!.GetValue<bool>());
        Assert.Null(body["hash_state"]);
        Assert.Equal(Convert.ToBase64String(await File.ReadAllBytesAsync(input)), body["input"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gpg_KeyGivenByEmail_ResolvedThroughKeyListAndCachedName()
    {
        var cli = new TestCli();
        cli.Vault.Respond = request => request switch
        {
            { Method: "GET", Query: "?list=true" } => FakeVault.Data(new JsonObject { ["keys"] = new JsonArray("other", "release") }),
            { Method: "GET", Path: "/v1/gpg/keys/other" } => FakeVault.Data(FakeKeys.Facts("other", "AAAA000000000000000000000000000000000000", "Other <other@example.test>")),
            { Method: "GET", Path: "/v1/gpg/keys/release" } => FakeVault.Data(FakeKeys.Facts("release", Fingerprint, "Release Bot <release@example.test>")),
            { Method: "POST", Path: "/v1/gpg/sign/release" } => FakeVault.Data(SignAnswer(FakeSignature.Base64())),
            { Method: "POST" } => FakeVault.Error(HttpStatusCode.BadRequest, "key not found: \"x\""),
            _ => (HttpStatusCode.NotFound, null),
        };

        var exit = await cli.RunAsync("gpg", "-bsau", "Release Bot <release@example.test>");

        Assert.Equal(0, exit);
        Assert.Equal("/v1/gpg/sign/release", cli.Vault.Requests[^1].Path);
    }

    [Fact]
    public async Task Gpg_KeyGivenByEmailWithoutDigestAlgo_Vault404ForTheNameThenResolvedByUserId()
    {
        // Arrange: an e-mail address is a valid key name in a URL; the dev host answers 404 "unsupported path" for it.
        var cli = new TestCli();
        cli.Vault.Respond = request => request switch
        {
            { Method: "GET", Query: "?list=true" } => FakeVault.Data(new JsonObject { ["keys"] = new JsonArray("release") }),
            { Method: "GET", Path: "/v1/gpg/keys/release" } => FakeVault.Data(FakeKeys.Facts("release", Fingerprint, "Release Bot <release@example.test>")),
            { Method: "POST", Path: "/v1/gpg/sign/release" } => FakeVault.Data(SignAnswer(FakeSignature.Base64())),
            _ => FakeVault.Error(HttpStatusCode.NotFound, "1 error occurred:\n\t* unsupported path\n\n"),
        };

        // Act
        var exit = await cli.RunAsync("gpg", "-bsau", "release@example.test");

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal("/v1/gpg/sign/release", SignRequestOf(cli).Path);
    }

    [Fact]
    public async Task Gpg_VaultRefuses_Exit2WithVaultsMessageAndStatus()
    {
        var cli = new TestCli();
        cli.Vault.Respond = _ => FakeVault.Error(HttpStatusCode.Forbidden, "permission denied");
        var output = Path.Combine(_directory, "x.sig");

        var exit = await cli.RunAsync("gpg", "-u", "release", "-b", "-o", output);

        Assert.Equal(2, exit);
        Assert.Contains("403", cli.Error, StringComparison.Ordinal);
        Assert.Contains("permission denied", cli.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Gpg_NoKeyAnywhere_Exit2AskingForOne()
    {
        var cli = SigningCli(FakeSignature.Packet());

        Assert.Equal(2, await cli.RunAsync("gpg", "-b"));
        Assert.Contains("VAULT_GPG_KEY", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gpg_KeyFromEnvironmentAndMountFromEnvironment_Used()
    {
        var cli = SigningCli(FakeSignature.Packet());
        cli.Environment["VAULT_GPG_KEY"] = "envkey";
        cli.Environment["VAULT_GPG_MOUNT"] = "pgp/prod";
        cli.Environment["VAULT_NAMESPACE"] = "team-a";

        Assert.Equal(0, await cli.RunAsync("gpg", "-b"));

        Assert.Equal("/v1/pgp/prod/sign/envkey", SignRequestOf(cli).Path);
        Assert.Equal("team-a", SignRequestOf(cli).Header("X-Vault-Namespace"));
    }

    [Fact]
    public async Task Gpg_PassphraseFd0_FirstLineSkippedAndOnlyTheRestSigned()
    {
        // Arrange: what a script does to drive gpg unattended: the passphrase line, then the data, on stdin.
        const string passphrase = "correct-horse-7f3c";
        var cli = SigningCli(FakeSignature.Packet());
        cli.Stdin = Encoding.ASCII.GetBytes(passphrase + "\nrpm header\nsecond line\n");
        var output = Path.Combine(_directory, "pkg.sig");

        // Act
        var exit = await cli.RunAsync("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase-fd", "0", "-u", "release", "-sbo", output, "--", "-");

        // Assert: the data without the passphrase line was signed; the passphrase went nowhere.
        Assert.Equal(0, exit);
        var input = Convert.FromBase64String(SignRequestOf(cli).Body!["input"]!.GetValue<string>());
        Assert.Equal("rpm header\nsecond line\n", Encoding.ASCII.GetString(input));
        Assert.All(cli.Vault.Requests, r => Assert.DoesNotContain(passphrase, Everything(r), StringComparison.Ordinal));
        Assert.DoesNotContain(passphrase, cli.Out + cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--passphrase", "secret-words")]
    [InlineData("--passphrase=secret-words", null)]
    [InlineData("--passphrase-file", "/nonexistent/passphrase")]
    [InlineData("--passphrase-fd", "97")]
    public async Task Gpg_OtherPassphraseOptions_AcceptedAndAllOfStdinSigned(string option, string? value)
    {
        var cli = SigningCli(FakeSignature.Packet());
        cli.Stdin = Encoding.ASCII.GetBytes("line one\nline two\n");
        string[] passphraseOption = value is null ? [option] : [option, value];

        var exit = await cli.RunAsync(["gpg", "--batch", "--pinentry-mode=loopback", .. passphraseOption, "-u", "release", "-sbo", "-", "--", "-"]);

        Assert.Equal(0, exit);
        Assert.Equal(Convert.ToBase64String(cli.Stdin), SignRequestOf(cli).Body!["input"]!.GetValue<string>());
        Assert.All(cli.Vault.Requests, r => Assert.DoesNotContain("secret-words", Everything(r), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gpg_SeveralLocalUsers_OneSignaturePerKeyInCommandLineOrderEachWithItsHash()
    {
        // Arrange: beta (ECDSA P-384) named first, alpha (RSA) second, beta again (gpg skips a duplicate).
        var alpha = FakeSignature.Packet(publicKeyAlgorithm: 1, hashAlgorithm: 8, created: 1_700_000_001);
        var beta = FakeSignature.Packet(publicKeyAlgorithm: 19, hashAlgorithm: 9, created: 1_700_000_002);
        var cli = new TestCli { Stdin = TestCli.Utf8("data") };
        cli.Vault.Respond = request => request switch
        {
            { Method: "GET", Path: "/v1/gpg/keys/alpha" } => FakeVault.Data(FakeKeys.Facts("alpha")),
            { Method: "GET", Path: "/v1/gpg/keys/beta" } => FakeVault.Data(EcdsaFacts("beta", "nistp384")),
            { Method: "POST", Path: "/v1/gpg/sign/alpha" } => FakeVault.Data(SignAnswer(Convert.ToBase64String(alpha))),
            { Method: "POST", Path: "/v1/gpg/sign/beta" } => FakeVault.Data(SignAnswer(Convert.ToBase64String(beta))),
            _ => (HttpStatusCode.NotFound, null),
        };
        var output = Path.Combine(_directory, "two.sig");

        // Act
        var exit = await cli.RunAsync("gpg", "--status-fd=2", "-u", "beta", "-u", "alpha", "-u", "beta", "-sbo", output);

        // Assert
        Assert.Equal(0, exit);
        byte[] expected = [.. beta, .. alpha];
        Assert.Equal(expected, await File.ReadAllBytesAsync(output));
        var posts = cli.Vault.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(["/v1/gpg/sign/beta", "/v1/gpg/sign/alpha"], posts.Select(p => p.Path));
        Assert.Equal(["sha2-384", "sha2-256"], posts.Select(p => p.Body!["algorithm"]!.GetValue<string>()));
        Assert.Equal(2, cli.Error.Split("[GNUPG:] SIG_CREATED D ").Length - 1);
    }

    [Fact]
    public async Task Gpg_SeveralLocalUsersArmored_OneArmorBlockWithBothPackets()
    {
        var cli = SigningCli(FakeSignature.Packet());
        cli.Stdin = TestCli.Utf8("data");

        Assert.Equal(0, await cli.RunAsync("gpg", "-u", "a", "-u", "b", "-abs"));

        var armored = Encoding.ASCII.GetString(cli.Stdout);
        Assert.Single(armored.Split("-----BEGIN PGP SIGNATURE-----")[1..]);
        byte[] expected = [.. FakeSignature.Packet(), .. FakeSignature.Packet()];
        Assert.Equal(expected, OpenPgp.Signing.Armor.Decode(armored));
    }

    [Fact]
    public async Task Gpg_ClearsignWithSeveralKeys_RefusedBeforeAnyRequest()
    {
        var cli = SigningCli(FakeSignature.Packet());

        Assert.Equal(2, await cli.RunAsync("gpg", "-u", "a", "-u", "b", "--clearsign"));

        Assert.Contains("--clearsign with several keys", cli.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Vault.Requests);
    }

    [Theory]
    [InlineData("nistp256", "sha2-256")]
    [InlineData("nistp384", "sha2-384")]
    [InlineData("nistp521", "sha2-512")]
    [InlineData("brainpoolP512r1", "sha2-512")]
    [InlineData("ed25519", "sha2-256")]
    public async Task Gpg_EccKeyWithoutDigestAlgo_HashGpgChoosesForTheCurve(string curve, string algorithm)
    {
        var cli = SigningCli(FakeSignature.Packet());
        var respond = cli.Vault.Respond;
        cli.Vault.Respond = request => request is { Method: "GET", Path: "/v1/gpg/keys/ecc" } ? FakeVault.Data(EcdsaFacts("ecc", curve)) : respond(request);

        Assert.Equal(0, await cli.RunAsync("gpg", "-u", "ecc", "-bsao", "-"));

        Assert.Equal(algorithm, SignRequestOf(cli).Body!["algorithm"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gpg_SigningSubkeyIsP384_HashChosenForTheSubkeyNotThePrimary()
    {
        var facts = EcdsaFacts("mixed", "ed25519");
        facts["subkeys"] = new JsonArray(new JsonObject { ["fingerprint"] = "BBBB", ["algorithm"] = "ECDSA", ["curve"] = "nistp384" });
        facts["signing_key_fingerprint"] = "bbbb";
        var cli = SigningCli(FakeSignature.Packet());
        var respond = cli.Vault.Respond;
        cli.Vault.Respond = request => request is { Method: "GET", Path: "/v1/gpg/keys/mixed" } ? FakeVault.Data(facts) : respond(request);

        Assert.Equal(0, await cli.RunAsync("gpg", "-u", "mixed", "-bso", "-"));

        Assert.Equal("sha2-384", SignRequestOf(cli).Body!["algorithm"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gpg_DigestAlgoGiven_UsedAsIsWithoutReadingTheKey()
    {
        var cli = SigningCli(FakeSignature.Packet());

        Assert.Equal(0, await cli.RunAsync("gpg", "--digest-algo=SHA512", "-u", "release", "-bso", "-"));

        var request = Assert.Single(cli.Vault.Requests);
        Assert.Equal("sha2-512", request.Body!["algorithm"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gpg_VaultFails_ErrorNamesTheOutputFileAndTheKey()
    {
        var cli = new TestCli();
        cli.Vault.Respond = _ => FakeVault.Error(HttpStatusCode.BadRequest, "key is expired");
        var output = Path.Combine(_directory, "pkg.rpm.sig");

        Assert.Equal(2, await cli.RunAsync("gpg", "--digest-algo=SHA256", "-u", "release", "-sbo", output, "--", "-"));

        Assert.Contains($"signing stdin into {output} with key \"release\" failed: Vault error 400", cli.Error, StringComparison.Ordinal);
        Assert.Contains("key is expired", cli.Error, StringComparison.Ordinal);
    }

    private static JsonObject EcdsaFacts(string name, string curve)
    {
        var facts = FakeKeys.Facts(name);
        facts.Remove("key_bits");
        facts["key_type"] = curve == "ed25519" ? "ed25519" : "ecdsa";
        facts["curve"] = curve;
        return facts;
    }

    /// <summary>Everything of a request that reaches Vault: path, query, headers, body (input decoded).</summary>
    private static string Everything(RecordedRequest request) =>
        string.Join('\n', [request.Path, request.Query, .. request.Headers.Select(h => h.Key + ": " + h.Value), request.Body?.ToJsonString() ?? ""])
        + (request.Body?["input"] is { } input ? "\n" + Encoding.UTF8.GetString(Convert.FromBase64String(input.GetValue<string>())) : "");

    /// <summary>A Vault whose every key is an RSA key (gpg's default hash, SHA-256) and that signs with <paramref name="packet"/>.</summary>
    private static TestCli SigningCli(byte[] packet)
    {
        var cli = new TestCli();
        cli.Vault.Respond = request => request.Method switch
        {
            "POST" => FakeVault.Data(SignAnswer(Convert.ToBase64String(packet))),
            "GET" when request.Path.Contains("/keys/", StringComparison.Ordinal) && request.Query != "?list=true" =>
                FakeVault.Data(FakeKeys.Facts(request.Path.Split('/')[^1])),
            _ => (HttpStatusCode.NotFound, null),
        };
        return cli;
    }

    private static RecordedRequest SignRequestOf(TestCli cli) => Assert.Single(cli.Vault.Requests, r => r.Method == "POST");

    private static JsonObject SignAnswer(string signature) => new()
    {
        ["signature"] = signature,
        ["key_id"] = Fingerprint[^16..],
        ["fingerprint"] = Fingerprint,
        ["hash"] = "sha2-256",
    };
}
