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
        var request = Assert.Single(cli.Vault.Requests);
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
        Assert.Equal("sha2-512", cli.Vault.Requests[0].Body!["algorithm"]!.GetValue<string>());
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
        Assert.Equal("clearsign", cli.Vault.Requests[0].Body!["mode"]!.GetValue<string>());
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

        var body = cli.Vault.Requests[0].Body!;
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

        var body = cli.Vault.Requests[0].Body!;
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

        Assert.Equal("/v1/pgp/prod/sign/envkey", cli.Vault.Requests[0].Path);
        Assert.Equal("team-a", cli.Vault.Requests[0].Header("X-Vault-Namespace"));
    }

    private static TestCli SigningCli(byte[] packet)
    {
        var cli = new TestCli();
        cli.Vault.Respond = request => request.Method == "POST"
            ? FakeVault.Data(SignAnswer(Convert.ToBase64String(packet)))
            : (HttpStatusCode.NotFound, null);
        return cli;
    }

    private static JsonObject SignAnswer(string signature) => new()
    {
        ["signature"] = signature,
        ["key_id"] = Fingerprint[^16..],
        ["fingerprint"] = Fingerprint,
        ["hash"] = "sha2-256",
    };
}
