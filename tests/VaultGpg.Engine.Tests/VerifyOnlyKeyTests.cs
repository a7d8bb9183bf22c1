using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

/// <summary>Verify-only keys (keys/:name with public_key, issue 11 item 5): a public key made by gpg verifies gpg's
/// signatures and is handed out again, and every use of a secret part is a 400 that names the key as verify-only.</summary>
public sealed class VerifyOnlyKeyTests : IAsyncLifetime
{
    private static readonly byte[] Artefact = Encoding.UTF8.GetBytes("upstream-1.2.3.tar.gz contents\n");
    private readonly GpgOracle _gpg = GpgOracle.Create();
    private TestBackend _backend = null!;
    private string _fingerprint = "";
    private string _publicKey = "";

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.CreateAsync();
        if (RequiredTools.MissingReason() is null)
        {
            _fingerprint = await _gpg.GenerateKeyAsync("Upstream <upstream@example.org>", "ed25519", "sign");
            _publicKey = Encoding.ASCII.GetString(await _gpg.ExportPublicKeyAsync(_fingerprint));
        }
    }

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [GpgFact]
    public async Task Create_PublicKey_ReadSaysVerifyOnlyAndGpgSignatureVerifies()
    {
        // Act
        var created = await _backend.WriteAsync("keys/upstream", new { public_key = _publicKey });
        var read = await _backend.ReadAsync("keys/upstream");
        var signature = (await _gpg.SignDetachedAsync(_fingerprint, Artefact)).Stdout;
        var verified = await _backend.WriteAsync("verify/upstream", new { input = Convert.ToBase64String(Artefact), signature = Convert.ToBase64String(signature) });
        var forged = await _backend.WriteAsync("verify/upstream", new { input = Convert.ToBase64String("other"u8.ToArray()), signature = Convert.ToBase64String(signature) });

        // Assert
        Assert.True(created.Status(Operation.Create) == 200, created.ToString());
        Assert.True(read.Data["verify_only"]!.GetValue<bool>());
        Assert.True(read.Data["imported"]!.GetValue<bool>());
        Assert.False(read.Data["can_sign"]!.GetValue<bool>());
        Assert.False(read.Data["can_decrypt"]!.GetValue<bool>());
        Assert.Equal(_fingerprint.ToLowerInvariant(), read.Text("fingerprint"));
        Assert.True(verified.Data["valid"]!.GetValue<bool>(), verified.ToString());
        Assert.False(forged.Data["valid"]!.GetValue<bool>(), forged.ToString());
    }

    [GpgFact]
    public async Task ExportPublic_VerifyOnlyKey_GpgImportsTheSameKey()
    {
        await _backend.WriteAsync("keys/upstream", new { public_key = Convert.ToBase64String(await _gpg.ExportPublicKeyAsync(_fingerprint, armor: false)) });

        var exported = await _backend.ReadAsync("export-public/upstream");

        await using var other = GpgOracle.Create();
        (await other.ImportAsync(Encoding.ASCII.GetBytes(exported.Text("public_key")))).EnsureSuccess("import");
        Assert.Contains(await other.ListKeysAsync(), r => r.Type == "fpr" && r.UserIdOrFingerprint == _fingerprint);
    }

    [GpgTheory]
    [InlineData("sign/upstream", "{\"input\":\"QQ==\"}", "key \"upstream\" cannot sign: the key is verify-only")]
    [InlineData("sign/upstream", "{\"input\":\"text\\n\",\"mode\":\"clearsign\"}", "key \"upstream\" cannot sign: the key is verify-only")]
    [InlineData("decrypt/upstream", "{\"ciphertext\":\"QQ==\"}", "key \"upstream\" is verify-only: it has no secret key to decrypt with")]
    [InlineData("show-session-key/upstream", "{\"ciphertext\":\"QQ==\"}", "key \"upstream\" is verify-only")]
    [InlineData("export/upstream", "{}", "key \"upstream\" is verify-only: it has no secret key to export")]
    [InlineData("keys/upstream/subkeys", "{\"key_type\":\"ed25519\"}", "the key is verify-only")]
    [InlineData("keys/upstream/expiry", "{\"expires\":3600}", "the key is verify-only")]
    public async Task SecretUse_VerifyOnlyKey_Is400NamingItVerifyOnly(string path, string body, string expected)
    {
        await _backend.WriteAsync("keys/upstream", new { public_key = _publicKey, exportable = true });

        var answer = await _backend.WriteAsync(path, System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(400, answer.Status(Operation.Update));
        Assert.StartsWith(expected, answer.ErrorMessage, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Decrypt_SignerKeyFromVerifyOnlyKey_ChecksTheSignature()
    {
        // Arrange: a Vault key to decrypt with, and the upstream key kept verify-only; gpg signs and encrypts.
        var recipient = await _backend.WriteAsync("keys/vault", new { key_type = "ed25519", real_name = "Vault" });
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(recipient.Text("public_key")))).EnsureSuccess("import");
        await _backend.WriteAsync("keys/upstream", new { public_key = _publicKey });
        var message = await _gpg.EncryptAsync([recipient.Text("fingerprint")], Artefact, extraArguments: ["--local-user", _fingerprint, "--sign"]);
        var unsigned = await _gpg.EncryptAsync(recipient.Text("fingerprint"), Artefact);
        var signerKey = (await _backend.ReadAsync("export-public/upstream")).Text("public_key");

        // Act
        var decrypted = await _backend.WriteAsync("decrypt/vault", new { ciphertext = Convert.ToBase64String(message), signer_key = signerKey });
        var refused = await _backend.WriteAsync("decrypt/vault", new { ciphertext = Convert.ToBase64String(unsigned), signer_key = signerKey });

        // Assert
        Assert.True(decrypted.Status(Operation.Update) == 200, decrypted.ToString());
        Assert.Equal(Artefact, Convert.FromBase64String(decrypted.Text("plaintext")));
        Assert.Equal(400, refused.Status(Operation.Update));
    }

    [GpgFact]
    public async Task Delete_VerifyOnlyKey_FollowsDeletionAllowedAsAnyKey()
    {
        await _backend.WriteAsync("keys/upstream", new { public_key = _publicKey });

        var refused = await _backend.DeleteAsync("keys/upstream");
        await _backend.WriteAsync("keys/upstream/config", new { deletion_allowed = true });
        var deleted = await _backend.DeleteAsync("keys/upstream");

        Assert.Equal(400, refused.Status(Operation.Delete));
        Assert.Equal(204, deleted.Status(Operation.Delete));
        Assert.Equal(404, (await _backend.ReadAsync("keys/upstream")).Status(Operation.Read));
    }

    [GpgFact]
    public async Task Create_SecretKeyInPublicKey_Is400AndNothingStored()
    {
        var secret = Encoding.ASCII.GetString(await _gpg.ExportSecretKeyAsync(_fingerprint));

        var answer = await _backend.WriteAsync("keys/upstream", new { public_key = secret });

        Assert.Equal(400, answer.Status(Operation.Create));
        Assert.StartsWith("public_key: holds a secret key", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(404, (await _backend.ReadAsync("keys/upstream")).Status(Operation.Read));
    }

    [Theory]
    [InlineData("{\"public_key\":\"x\",\"generate\":true}", "public_key cannot be given with generate=true")]
    [InlineData("{\"public_key\":\"x\",\"key\":\"y\",\"generate\":false}", "give key (a secret key) or public_key (a verify-only key), not both")]
    [InlineData("{\"public_key\":\"not a key\"}", "public_key: must be an ascii-armored key or base64 of a binary key")]
    [InlineData("{\"public_key\":\"\"}", "public_key: must not be empty")]
    public async Task Create_BadPublicKeyRequest_Is400(string body, string expected)
    {
        var answer = await _backend.WriteAsync("keys/upstream", System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(400, answer.Status(Operation.Create));
        Assert.StartsWith(expected, answer.ErrorMessage, StringComparison.Ordinal);
    }
}
