using System.Text;
using Microsoft.Extensions.Time.Testing;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

/// <summary>
/// Validity is judged at every request from the cached key and the request's time: a key or signing subkey that
/// expires stops signing at that second, without a restart, and keys/:name shows it. gpg judges the signatures.
/// </summary>
public sealed class KeyValidityTests : IAsyncLifetime
{
    private static readonly byte[] Artefact = Encoding.UTF8.GetBytes("vaultgpg-1.0.0.tar.gz contents\n");
    private readonly GpgOracle _gpg = GpgOracle.Create();

    // A minute in the past, so that what expired on the fake clock has expired on gpg's real one too.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60));
    private TestBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TestBackend.CreateAsync(timeProvider: _time);

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [GpgFact]
    public async Task Sign_KeyWithThreeSecondExpiryFiveSecondsLater_RefusedWithExpiryTimeAndGpgSeesExpiredKey()
    {
        // Arrange
        var created = await _backend.WriteAsync("keys/short", new { key_type = "ed25519", real_name = "Short", expires = 3 });
        var before = await _backend.WriteAsync("sign/short", new { input = Convert.ToBase64String(Artefact) });

        // Act
        _time.Advance(TimeSpan.FromSeconds(5));
        var after = await _backend.WriteAsync("sign/short", new { input = Convert.ToBase64String(Artefact) });
        var read = await _backend.ReadAsync("keys/short");

        // Assert
        Assert.Equal(200, before.Status(Operation.Update));
        Assert.Equal(400, after.Status(Operation.Update));
        var expiry = _time.GetUtcNow().AddSeconds(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"key \"short\" cannot sign: the key expired at {expiry} and cannot sign", after.ErrorMessage);
        Assert.True(read.Data["expired"]!.GetValue<bool>());
        Assert.False(read.Data["valid"]!.GetValue<bool>());
        Assert.False(read.Data["can_sign"]!.GetValue<bool>());
        Assert.Null(read.Data["signing_key_id"]);
        Assert.Contains(expiry, read.Text("cannot_sign_reason"), StringComparison.Ordinal);
        Assert.True(Assert.Single(read.Data["subkeys"]!.AsArray())!["expired"]!.GetValue<bool>());
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(created.Text("public_key")))).EnsureSuccess("import");
        var (result, _) = await _gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(before.Text("signature")));
        Assert.True(result.Has("EXPKEYSIG"), result.ToString());
    }

    [GpgFact]
    public async Task Sign_SigningSubkeyExpires_PrimarySignsAgainAndGpgVerifiesIt()
    {
        // Arrange: a primary that may sign, and a newer signing subkey that expires after 3 s.
        var created = await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" });
        var primaryKeyId = created.Text("key_id");
        var subkey = await _backend.WriteAsync("keys/release/subkeys", new { key_type = "ed25519", capabilities = new[] { "sign" }, expires = 3 });
        var bySubkey = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        // Act
        _time.Advance(TimeSpan.FromSeconds(5));
        var byPrimary = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });
        var read = await _backend.ReadAsync("keys/release");
        var subkeyRead = await _backend.ReadAsync($"keys/release/subkeys/{subkey.Text("key_id")}");

        // Assert
        Assert.Equal(subkey.Text("key_id"), bySubkey.Text("key_id"));
        Assert.Equal(primaryKeyId, byPrimary.Text("key_id"));
        Assert.Equal(created.Text("fingerprint"), byPrimary.Text("fingerprint"));
        Assert.Equal(primaryKeyId, read.Text("signing_key_id"));
        Assert.True(read.Data["valid"]!.GetValue<bool>());
        var listed = Assert.Single(read.Data["subkeys"]!.AsArray(), s => s!["key_id"]!.GetValue<string>() == subkey.Text("key_id"))!;
        Assert.True(listed["expired"]!.GetValue<bool>());
        Assert.False(listed["valid"]!.GetValue<bool>());
        Assert.True(subkeyRead.Data["expired"]!.GetValue<bool>());
        Assert.False(subkeyRead.Data["signing"]!.GetValue<bool>());
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(read.Text("public_key")))).EnsureSuccess("import");
        var (newResult, newStatus) = await _gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(byPrimary.Text("signature")));
        Assert.True(newResult.IsGood, newResult.ToString());
        Assert.Equal(created.Text("fingerprint"), newStatus.Fingerprint, ignoreCase: true);
        var (oldResult, _) = await _gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(bySubkey.Text("signature")));
        Assert.True(oldResult.Has("EXPKEYSIG"), oldResult.ToString());
    }

    [Fact]
    public async Task Sign_SubkeyExpiresMidBatch_EveryItemReportsTheKeyThatSignedIt()
    {
        // Arrange
        await _backend.WriteAsync("keys/batch", new { key_type = "ed25519", real_name = "Batch" });
        var subkey = await _backend.WriteAsync("keys/batch/subkeys", new { key_type = "ed25519", capabilities = new[] { "sign" }, expires = 3 });
        var items = new[] { new { input = Convert.ToBase64String(Artefact) }, new { input = Convert.ToBase64String(Artefact) } };

        // Act
        var first = await _backend.WriteAsync("sign/batch", new { batch_input = items });
        _time.Advance(TimeSpan.FromSeconds(5));
        var second = await _backend.WriteAsync("sign/batch", new { batch_input = items });

        // Assert
        Assert.Equal(items.Length, first.Data["batch_results"]!.AsArray().Count);
        Assert.Equal(items.Length, second.Data["batch_results"]!.AsArray().Count);
        Assert.All(first.Data["batch_results"]!.AsArray(), r => Assert.Equal(subkey.Text("key_id"), r!["key_id"]!.GetValue<string>()));
        Assert.All(second.Data["batch_results"]!.AsArray(), r => Assert.NotEqual(subkey.Text("key_id"), r!["key_id"]!.GetValue<string>()));
    }
}
