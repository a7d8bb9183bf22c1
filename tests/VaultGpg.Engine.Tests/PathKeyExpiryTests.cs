using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

/// <summary>keys/:name/expiry: new self-signatures made in Vault, judged by gpg after it imports the new public key
/// over the old one.</summary>
public sealed class PathKeyExpiryTests : IAsyncLifetime
{
    private static readonly byte[] Artefact = Encoding.UTF8.GetBytes("vaultgpg-2.0.0.tar.gz contents\n");

    // An hour in the past, so that what the fake clock signs lies in gpg's real past.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600));
    private TestBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TestBackend.CreateAsync(timeProvider: _time);

    public Task DisposeAsync() => Task.CompletedTask;

    [GpgFact]
    public async Task Expiry_ExtendPrimaryWithExpiresAt_GpgShowsNewExpiryAndSignaturesBeforeAndAfterVerify()
    {
        // Arrange
        var created = await _backend.WriteAsync("keys/release", new { key_type = "rsa", key_bits = 2048, real_name = "Release", expires = 86400 });
        var before = await SignAsync("release");
        _time.Advance(TimeSpan.FromMinutes(5));
        var expiry = _time.GetUtcNow().AddDays(730);
        var expiryText = Rfc3339(expiry);

        // Act
        var extended = await _backend.WriteAsync("keys/release/expiry", new { expires_at = expiryText });
        var after = await SignAsync("release");

        // Assert
        Assert.True(extended.Status(Operation.Update) == 200, extended.ToString());
        Assert.Equal(expiryText, extended.Text("expires_at"));
        Assert.Equal(expiryText, (await _backend.ReadAsync("keys/release")).Text("expires_at"));
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(created.Text("public_key")))).EnsureSuccess("import old");
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(extended.Text("public_key")))).EnsureSuccess("import new over old");
        var pub = Assert.Single(await gpg.ListKeysAsync(), r => r.Type == "pub");
        Assert.Equal(expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), pub.Expires);
        foreach (var signature in new[] { before, after })
        {
            var (result, status) = await gpg.VerifyDetachedAsync(Artefact, signature);
            Assert.True(status.Good, result.ToString());
        }
    }

    [GpgFact]
    public async Task Expiry_ExpiredKeyExtendedWithExpires_SignsAgainAndGpgAccepts()
    {
        // Arrange: a key that expired after three seconds and now refuses to sign.
        await _backend.WriteAsync("keys/short", new { key_type = "ed25519", real_name = "Short", expires = 3 });
        _time.Advance(TimeSpan.FromSeconds(5));
        var refused = await _backend.WriteAsync("sign/short", new { input = Convert.ToBase64String(Artefact) });

        // Act
        var extended = await _backend.WriteAsync("keys/short/expiry", new { expires = "8760h" });
        var signed = await _backend.WriteAsync("sign/short", new { input = Convert.ToBase64String(Artefact) });

        // Assert
        Assert.Equal(400, refused.Status(Operation.Update));
        Assert.True(signed.Status(Operation.Update) == 200, signed.ToString());
        Assert.True(extended.Data["can_sign"]!.GetValue<bool>());
        Assert.Equal(Rfc3339(_time.GetUtcNow().AddHours(8760)), extended.Text("expires_at"));
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(extended.Text("public_key")))).EnsureSuccess("import");
        var (result, status) = await gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(signed.Text("signature")));
        Assert.True(status.Good, result.ToString());
    }

    [GpgFact]
    public async Task Expiry_SubkeyByKeyIdNever_GpgShowsSubkeyWithoutExpiryAndPrimaryUnchanged()
    {
        var created = await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release", expires = 86400 });
        var subkeyId = created.Data["subkeys"]![0]!["key_id"]!.GetValue<string>();
        _time.Advance(TimeSpan.FromMinutes(1));

        var changed = await _backend.WriteAsync("keys/release/expiry", new { expires_at = "never", key_ids = subkeyId.ToUpperInvariant() });

        Assert.True(changed.Status(Operation.Update) == 200, changed.ToString());
        Assert.Null(changed.Data["subkeys"]![0]!["expires_at"]);
        Assert.Equal(created.Text("expires_at"), changed.Text("expires_at"));
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(changed.Text("public_key")))).EnsureSuccess("import");
        var listing = await gpg.ListKeysAsync();
        Assert.Equal(string.Empty, Assert.Single(listing, r => r.Type == "sub").Expires);
        Assert.NotEqual(string.Empty, Assert.Single(listing, r => r.Type == "pub").Expires);
    }

    [Theory]
    [InlineData("{\"expires_at\":\"2001-01-01T00:00:00Z\"}", "expires_at: 2001-01-01T00:00:00Z is not in the future")]
    [InlineData("{\"expires_at\":\"next tuesday\"}", "expires_at: \"next tuesday\" is not an RFC 3339 time")]
    [InlineData("{}", "give exactly one of expires_at and expires")]
    [InlineData("{\"expires_at\":\"never\",\"expires\":60}", "give exactly one of expires_at and expires")]
    [InlineData("{\"expires\":-5}", "Field validation failed")]
    [InlineData("{\"expires\":60,\"key_ids\":\"0123456789abcdef\"}", "key_ids: key \"k\" has no key or subkey \"0123456789abcdef\"")]
    [InlineData("{\"expires\":60,\"key_ids\":\"a,b,c,d,e,f,g,h,i,j,k,l,m\"}", "key_ids: 13 keys; at most 12 per request")]
    public async Task Expiry_BadInput_Is400NamingTheProblem(string body, string expected)
    {
        await _backend.WriteAsync("keys/k", new { key_type = "ed25519", real_name = "K" });

        var answer = await _backend.WriteAsync("keys/k/expiry", System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(400, answer.Status(Operation.Update));
        Assert.StartsWith(expected, answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expiry_UnknownKey_Is400KeyNotFound()
    {
        var answer = await _backend.WriteAsync("keys/nope/expiry", new { expires = 60 });

        Assert.Equal(400, answer.Status(Operation.Update));
        Assert.Equal("key not found: \"nope\"", answer.ErrorMessage);
    }

    [Fact]
    public async Task Expiry_LogOn_ExpiryEventWithTheNewPublicKeyAndTheKeysChanged()
    {
        // Arrange
        await _backend.WriteAsync("log/config", new { origin = "vault.example.com/v1/gpg/log" });
        var created = await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" });
        _time.Advance(TimeSpan.FromMinutes(1));
        var expiry = _time.GetUtcNow().AddDays(365);

        // Act
        var extended = await _backend.WriteAsync("keys/release/expiry", new { expires_at = Rfc3339(expiry) });

        // Assert
        var entry = (await LogReader.EntriesAsync(_backend, 2))[1];
        var fingerprint = created.Text("fingerprint");
        var publicKey = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(VaultGpg.OpenPgp.Signing.Armor.Decode(extended.Text("public_key"))));
        Assert.Equal(
            $"vault.example.com/v1/gpg/log/key/v1\nevent expiry\nname release\nkey {fingerprint}\npublic-key sha256:{publicKey}\n" +
            $"settings expires={expiry.ToUnixTimeSeconds()} keys={fingerprint}\ntime {_time.GetUtcNow().ToUnixTimeSeconds()}\n",
            entry);
    }

    private async Task<byte[]> SignAsync(string name)
    {
        var signed = await _backend.WriteAsync("sign/" + name, new { input = Convert.ToBase64String(Artefact) });
        Assert.True(signed.Status(Operation.Update) == 200, signed.ToString());
        return Convert.FromBase64String(signed.Text("signature"));
    }

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
