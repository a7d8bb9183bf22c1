using System.Globalization;
using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

public sealed class PathSubkeysTests : IAsyncLifetime
{
    private static readonly byte[] Artefact = Encoding.UTF8.GetBytes("vaultgpg-1.0.0.tar.gz contents\n");
    private readonly GpgOracle _gpg = GpgOracle.Create();
    private TestBackend _backend = null!;
    private string _primary = "";

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.CreateAsync();
        var created = await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" });
        _primary = created.Text("fingerprint");
    }

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [GpgFact]
    public async Task Create_GoDefaults_Rsa4096SigningSubkeyExpiringInOneYearThatGpgListsAndSignUses()
    {
        // Act
        var added = await _backend.WriteAsync("keys/release/subkeys", new { });
        var read = await _backend.ReadAsync("keys/release");
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        // Assert: gpg sees the subkey with capability s and the one-year expiry, and the signature is the subkey's.
        Assert.Equal(200, added.Status(Operation.Update));
        var keyId = added.Text("key_id");
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(read.Text("public_key")))).EnsureSuccess("import");
        var gpgKeyId = keyId.ToUpperInvariant();
        var sub = Assert.Single(await _gpg.ListKeysAsync(), r => r.Type == "sub" && r.KeyId == gpgKeyId);
        Assert.Equal("s", sub.Capabilities);
        Assert.Equal("4096", sub.KeyLength);
        Assert.Equal((long.Parse(sub.Created, CultureInfo.InvariantCulture) + 31536000).ToString(CultureInfo.InvariantCulture), sub.Expires);
        var (result, status) = await _gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(signed.Text("signature")));
        Assert.True(status.Good, result.ToString());
        Assert.Equal(added.Text("fingerprint"), status.Fingerprint?.ToLowerInvariant());
        Assert.Equal(_primary, status.PrimaryFingerprint?.ToLowerInvariant());
        Assert.Equal(keyId, signed.Text("key_id"));
    }

    [GpgFact]
    public async Task Create_Ed25519NeverExpiring_GpgListsNoExpiryAndVerifiesSubkeySignature()
    {
        var added = await _backend.WriteAsync("keys/release/subkeys", new { key_type = "ed25519", capabilities = new[] { "sign" }, expires = 0 });
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes((await _backend.ReadAsync("keys/release")).Text("public_key")))).EnsureSuccess("import");
        var gpgKeyId = added.Text("key_id").ToUpperInvariant();
        var sub = Assert.Single(await _gpg.ListKeysAsync(), r => r.Type == "sub" && r.KeyId == gpgKeyId);
        Assert.Equal("s", sub.Capabilities);
        Assert.Equal(string.Empty, sub.Expires);
        var (result, status) = await _gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(signed.Text("signature")));
        Assert.True(status.Good, result.ToString());
        Assert.Equal(added.Text("fingerprint"), status.Fingerprint?.ToLowerInvariant());
    }

    [Fact]
    public async Task ListReadDelete_AddedSubkey_ShowsItThenRemovesItAndPrimarySignsAgain()
    {
        // Arrange
        await _backend.WriteAsync("keys/release/config", new { deletion_allowed = true });
        var added = await _backend.WriteAsync("keys/release/subkeys", new { key_type = "rsa", key_bits = 2048, expires = 3600 });
        var keyId = added.Text("key_id");

        // Act
        var listed = await _backend.ListAsync("keys/release/subkeys/");
        var read = await _backend.ReadAsync($"keys/release/subkeys/{keyId.ToUpperInvariant()}");
        var deleted = await _backend.DeleteAsync($"keys/release/subkeys/{keyId}");
        var listedAfter = await _backend.ListAsync("keys/release/subkeys");
        var readAfter = await _backend.ReadAsync($"keys/release/subkeys/{keyId}");
        var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        // Assert
        var ids = listed.Data["key_ids"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Contains(keyId, ids);
        Assert.Equal("rsa", read.Text("key_type"));
        Assert.Equal(["sign"], read.Data["capabilities"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(2048, read.Data["key_bits"]!.GetValue<int>());
        Assert.Equal(3600, read.Data["expires"]!.GetValue<long>());
        Assert.True(read.Data["signing"]!.GetValue<bool>());
        Assert.Equal(204, deleted.Status(Operation.Delete));
        Assert.DoesNotContain(keyId, listedAfter.Data["key_ids"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(404, readAfter.Status(Operation.Read));
        Assert.Equal(_primary[^16..], signed.Text("key_id"));
    }

    [Fact]
    public async Task Create_ThenFreshBackendOnSameStorage_SubkeyIsStoredAndSigns()
    {
        var added = await _backend.WriteAsync("keys/release/subkeys", new { key_type = "ed25519" });

        var reopened = await TestBackend.CreateAsync(_backend.Storage);
        var listed = await reopened.ListAsync("keys/release/subkeys");
        var signed = await reopened.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        Assert.Contains(added.Text("key_id"), listed.Data["key_ids"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(added.Text("key_id"), signed.Text("key_id"));
    }

    [Fact]
    public async Task Delete_MissingSubkey_Returns204AsGo()
    {
        var deleted = await _backend.DeleteAsync("keys/release/subkeys/0123456789ABCDEF");

        Assert.Equal(204, deleted.Status(Operation.Delete));
    }

    [Fact]
    public async Task Delete_WithoutDeletionAllowed_Returns400AndKeepsSubkey()
    {
        var added = await _backend.WriteAsync("keys/release/subkeys", new { key_type = "ed25519" });

        var deleted = await _backend.DeleteAsync($"keys/release/subkeys/{added.Text("key_id")}");

        Assert.Equal(400, deleted.Status(Operation.Delete));
        Assert.Contains("deletion_allowed", deleted.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(200, (await _backend.ReadAsync($"keys/release/subkeys/{added.Text("key_id")}")).Status(Operation.Read));
    }

    [Theory]
    [InlineData("release", "{\"capabilities\":[\"fly\"]}", "capabilit")]
    [InlineData("release", "{\"key_bits\":1024}", "key_bits")]
    [InlineData("release", "{\"key_type\":\"dsa\"}", "key_type")]
    [InlineData("release", "{\"key_type\":\"ed25519\",\"key_bits\":4096}", "key_bits")]
    [InlineData("release", "{\"key_type\":\"ed25519\",\"capabilities\":[\"sign\",\"encrypt\"]}", "rsa")]
    [InlineData("release", "{\"key_type\":\"cv25519\",\"capabilities\":[\"sign\"]}", "cv25519")]
    [InlineData("release", "{\"expires\":-1}", "expires")]
    [InlineData("release", "{\"expires\":1000000000000}", "\"expires\": out of range")]
    [InlineData("release", "{\"expires\":-1000000000000}", "\"expires\": out of range")]
    [InlineData("release", "{\"expires\":4294967296}", "expires: 4294967296 seconds is too long")]
    [InlineData("nope", "{}", "key not found")]
    public async Task Create_BadInput_Returns400NamingTheProblem(string name, string body, string mentioned)
    {
        var added = await _backend.WriteAsync($"keys/{name}/subkeys", System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(400, added.Status(Operation.Update));
        Assert.Contains(mentioned, added.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Cv25519_EncryptionSubkeyThatDoesNotChangeTheSigningKey()
    {
        var added = await _backend.WriteAsync("keys/release/subkeys", new { key_type = "cv25519", expires = 0 });

        var read = await _backend.ReadAsync($"keys/release/subkeys/{added.Text("key_id")}");

        Assert.Equal("ecdh-cv25519", read.Text("key_type"));
        Assert.Equal(["encrypt"], read.Data["capabilities"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(0, read.Data["expires"]!.GetValue<long>());
        Assert.Equal(_primary[^16..], added.Text("signing_key_id"));
    }

    [Fact]
    public async Task ListAndRead_UnknownKey_Return400And404()
    {
        Assert.Equal(400, (await _backend.ListAsync("keys/nope/subkeys")).Status(Operation.List));
        Assert.Equal(404, (await _backend.ReadAsync("keys/nope/subkeys/0123456789ABCDEF")).Status(Operation.Read));
    }
}
