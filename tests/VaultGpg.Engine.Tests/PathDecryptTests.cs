using System.Diagnostics;
using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

public sealed class PathDecryptTests : IAsyncLifetime
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("deploy credentials: hunter2\n");
    private readonly GpgOracle _gpg = GpgOracle.Create();
    private TestBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TestBackend.CreateAsync();

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [GpgTheory]
    [InlineData("rsa")]
    [InlineData("ed25519")]
    public async Task Decrypt_GpgEncryptedToKey_ReturnsPlaintext(string keyType)
    {
        var fingerprint = await CreateKeyKnownToGpgAsync("vault", keyType);
        var message = await _gpg.EncryptAsync(fingerprint, Secret, armor: true);

        var decrypted = await _backend.WriteAsync("decrypt/vault", new { ciphertext = Encoding.ASCII.GetString(message), format = "ascii-armor" });

        Assert.Equal(200, decrypted.Status(Operation.Update));
        Assert.Equal(Secret, Convert.FromBase64String(decrypted.Text("plaintext")));
    }

    [GpgFact]
    public async Task ShowSessionKey_MatchesGpgShowSessionKey()
    {
        var fingerprint = await CreateKeyKnownToGpgAsync("vault", "rsa", exportable: true);
        var message = await _gpg.EncryptAsync(fingerprint, Secret);
        var secretKey = (await _backend.ReadAsync("export/vault")).Text("key");
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(secretKey))).EnsureSuccess("import secret");

        var shown = await _backend.WriteAsync("show-session-key/vault", new { ciphertext = Convert.ToBase64String(message) });
        var gpgShown = await _gpg.DecryptAsync(message, showSessionKey: true);

        var expected = gpgShown.StatusOf("SESSION_KEY").Single().Arguments[0];
        Assert.Equal(expected, shown.Text("session_key"));
    }

    [GpgFact]
    public async Task Decrypt_RequiredSignerSignedIt_ReturnsPlaintext()
    {
        var (signerFingerprint, signerPublic, message) = await SignedAndEncryptedAsync();

        var decrypted = await _backend.WriteAsync("decrypt/vault", new { ciphertext = Convert.ToBase64String(message), signer_key = signerPublic });

        Assert.Equal(200, decrypted.Status(Operation.Update));
        Assert.Equal(Secret, Convert.FromBase64String(decrypted.Text("plaintext")));
        Assert.NotEmpty(signerFingerprint);
    }

    [GpgFact]
    public async Task Decrypt_RequiredSignerDidNotSign_Returns400()
    {
        var (_, _, message) = await SignedAndEncryptedAsync();
        var otherFingerprint = await _gpg.GenerateKeyAsync("Impostor <impostor@example.com>", "ed25519", "sign");
        var otherPublic = Encoding.ASCII.GetString(await _gpg.ExportPublicKeyAsync(otherFingerprint));

        var decrypted = await _backend.WriteAsync("decrypt/vault", new { ciphertext = Convert.ToBase64String(message), signer_key = otherPublic });
        var shown = await _backend.WriteAsync("show-session-key/vault", new { ciphertext = Convert.ToBase64String(message), signer_key = otherPublic });

        Assert.Equal(400, decrypted.Status(Operation.Update));
        Assert.Equal(400, shown.Status(Operation.Update));
    }

    [GpgFact]
    public async Task Decrypt_UnsignedMessageWithRequiredSigner_Returns400()
    {
        var fingerprint = await CreateKeyKnownToGpgAsync("vault", "rsa");
        var message = await _gpg.EncryptAsync(fingerprint, Secret);
        var signer = await _gpg.GenerateKeyAsync("Signer <signer@example.com>", "ed25519", "sign");
        var signerPublic = Encoding.ASCII.GetString(await _gpg.ExportPublicKeyAsync(signer));

        var decrypted = await _backend.WriteAsync("decrypt/vault", new { ciphertext = Convert.ToBase64String(message), signer_key = signerPublic });

        Assert.Equal(400, decrypted.Status(Operation.Update));
    }

    [Theory]
    [InlineData("{}", "ciphertext")]
    [InlineData("{\"ciphertext\":\"%%%\"}", "ciphertext")]
    [InlineData("{\"ciphertext\":\"AAAAAAAA\"}", "ciphertext")]
    [InlineData("{\"ciphertext\":\"AAAA AAAA\"}", "ciphertext: not valid base64: illegal character at input byte 4")]
    [InlineData("{\"ciphertext\":\"AAAAAA\"}", "ciphertext: not valid base64: 6 characters")]
    [InlineData("{\"ciphertext\":\"AAAAAA-_\"}", "ciphertext: not valid base64: illegal character at input byte 6")]
    [InlineData("{\"ciphertext\":12}", "ciphertext: not valid base64")]
    [InlineData("{\"ciphertext\":\"QQ==\",\"format\":\"hex\"}", "format")]
    [InlineData("{\"ciphertext\":\"QQ==\",\"signer_key\":\"not a key\"}", "signer_key")]
    public async Task Decrypt_BadInput_Returns400(string body, string mentioned)
    {
        await _backend.WriteAsync("keys/vault", new { key_type = "ed25519", real_name = "Vault" });

        var decrypted = await _backend.WriteAsync("decrypt/vault", System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(400, decrypted.Status(Operation.Update));
        Assert.Contains(mentioned, decrypted.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decrypt_NoSuchKeyWithFourRsa16384SignerKeys_KeyNotFoundWithinASecond()
    {
        // Arrange: the named key is looked up before signer_key is parsed, so its cost never arises.
        var signerKey = HostileKeys.Armored(HostileKeys.RsaPublicKeyBlock(16384, 4));
        var watch = Stopwatch.StartNew();

        // Act
        var result = await _backend.WriteAsync("decrypt/no-such-key", new { ciphertext = Convert.ToBase64String(Secret), signer_key = signerKey });

        // Assert
        Assert.Equal(400, result.Status(Operation.Update));
        Assert.Equal("key not found: \"no-such-key\"", result.ErrorMessage);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Decrypt_SignerKeyWithRsa16384Keys_400NamesSignerKeyAndSizeLimitWithinASecond()
    {
        await _backend.WriteAsync("keys/vault", new { key_type = "ed25519", real_name = "Vault Key" });
        var signerKey = HostileKeys.Armored(HostileKeys.RsaPublicKeyBlock(16384, 4));
        var watch = Stopwatch.StartNew();

        var result = await _backend.WriteAsync("decrypt/vault", new { ciphertext = Convert.ToBase64String(Secret), signer_key = signerKey });

        Assert.Equal(400, result.Status(Operation.Update));
        Assert.StartsWith("signer_key is not a usable public key: key ", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("has 16384 bits; at most 8192 are accepted", result.ErrorMessage, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("decrypt")]
    [InlineData("show-session-key")]
    public async Task DecryptOrShowSessionKey_OneGibibyteBomb_400NamesCiphertextAndBudget(string path)
    {
        // Arrange: show-session-key decompresses too when a signer must be checked (here the key itself).
        var created = await _backend.WriteAsync("keys/vault", new { key_type = "ed25519", real_name = "Vault Key" });
        var publicKey = created.Text("public_key");
        var message = HostileMessages.EncryptTo(Encoding.ASCII.GetBytes(publicKey), HostileMessages.Bomb(1024));
        var watch = Stopwatch.StartNew();

        // Act
        var result = await _backend.WriteAsync($"{path}/vault", new { ciphertext = Convert.ToBase64String(message), signer_key = publicKey });

        // Assert
        Assert.Equal(400, result.Status(Operation.Update));
        Assert.Equal("ciphertext: the message decompresses to more than its limit of 67108864 bytes", result.ErrorMessage);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    private async Task<string> CreateKeyKnownToGpgAsync(string name, string keyType, bool exportable = false)
    {
        var created = keyType == "rsa"
            ? await _backend.WriteAsync($"keys/{name}", new { key_type = "rsa", key_bits = 2048, real_name = "Vault Key", exportable })
            : await _backend.WriteAsync($"keys/{name}", new { key_type = keyType, real_name = "Vault Key", exportable });
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(created.Text("public_key")))).EnsureSuccess("import");
        return created.Text("fingerprint");
    }

    private async Task<(string SignerFingerprint, string SignerPublic, byte[] Message)> SignedAndEncryptedAsync()
    {
        var recipient = await CreateKeyKnownToGpgAsync("vault", "rsa");
        var signer = await _gpg.GenerateKeyAsync("Signer <signer@example.com>", "ed25519", "sign");
        var signerPublic = Encoding.ASCII.GetString(await _gpg.ExportPublicKeyAsync(signer));
        var message = await _gpg.EncryptAsync([recipient], Secret, extraArguments: ["--local-user", signer, "--sign"]);
        return (signer, signerPublic, message);
    }
}
