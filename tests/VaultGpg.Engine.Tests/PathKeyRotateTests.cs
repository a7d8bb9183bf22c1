using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

/// <summary>keys/:name/rotate: the engine's signer at each instant is the one gpg chooses from the same key (its
/// --faked-system-time), and keys/:name tells which key signs, since when, and which one next.</summary>
public sealed class PathKeyRotateTests : IAsyncLifetime
{
    private static readonly byte[] Artefact = Encoding.UTF8.GetBytes("vaultgpg-3.0.0.tar.gz contents\n");

    // Three hours in the past, so that every instant the tests visit lies in gpg's real past.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3 * 3600));
    private TestBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await TestBackend.CreateAsync(timeProvider: _time);

    public Task DisposeAsync() => Task.CompletedTask;

    [GpgFact]
    public async Task Rotate_LaterStartWithOverlap_EngineSignsWithTheKeyGpgChoosesAtEveryInstant()
    {
        // Arrange: a release key with signing subkey A.
        var t0 = _time.GetUtcNow();
        var created = await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release", exportable = true });
        var a = await _backend.WriteAsync("keys/release/subkeys", new { key_type = "ed25519", expires = 0 });
        _time.Advance(TimeSpan.FromMinutes(10));
        var from = t0.AddHours(1);

        // Act: B signs from t0+1h; A expires 30 minutes later.
        var rotated = await _backend.WriteAsync("keys/release/rotate", new { signs_from = Rfc3339(from), overlap = "30m" });

        // Assert: the answer and keys/:name say A signs now and B from t0+1h.
        Assert.True(rotated.Status(Operation.Update) == 200, rotated.ToString());
        var b = rotated.Text("new_signing_key_id");
        Assert.Equal(a.Text("key_id"), rotated.Text("signing_key_id"));
        Assert.Equal(a.Text("fingerprint"), rotated.Text("previous_signing_key_fingerprint"));
        Assert.Equal(Rfc3339(from), rotated.Text("signs_from"));
        Assert.Equal(b, rotated.Text("next_signing_key_id"));
        Assert.Equal(Rfc3339(from), rotated.Text("next_signing_key_from"));
        Assert.Equal(Rfc3339(t0), rotated.Text("signing_key_since"));

        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes((await _backend.ReadAsync("export/release")).Text("key")))).EnsureSuccess("import");
        foreach (var (instant, expected) in new[] { (t0.AddMinutes(30), a.Text("key_id")), (from.AddSeconds(1), b), (t0.AddHours(2), b) })
        {
            _time.SetUtcNow(instant);
            var signed = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });
            Assert.Equal(expected, signed.Text("key_id"));
            Assert.Equal(expected, await GpgSignerAtAsync(gpg, created.Text("fingerprint"), instant));
        }

        var read = await _backend.ReadAsync("keys/release");
        Assert.Equal(b, read.Text("signing_key_id"));
        Assert.Equal(Rfc3339(from), read.Text("signing_key_since"));
        Assert.Null(read.Data["next_signing_key_id"]);
        var listing = await gpg.ListKeysAsync();
        var subA = Assert.Single(listing, r => r.Type == "sub" && r.KeyId.Equals(a.Text("key_id"), StringComparison.OrdinalIgnoreCase));
        Assert.Equal(from.AddMinutes(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), subA.Expires);
    }

    [GpgFact]
    public async Task Rotate_Now_NewSubkeySignsAtOnceAndGpgVerifiesOldAndNewSignatures()
    {
        var created = await _backend.WriteAsync("keys/release", new { key_type = "rsa", key_bits = 2048, real_name = "Release" });
        var before = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });
        _time.Advance(TimeSpan.FromMinutes(1));

        var rotated = await _backend.WriteAsync("keys/release/rotate", new { });
        var after = await _backend.WriteAsync("sign/release", new { input = Convert.ToBase64String(Artefact) });

        Assert.True(rotated.Status(Operation.Update) == 200, rotated.ToString());
        Assert.Equal(created.Text("key_id"), before.Text("key_id"));
        Assert.Equal(rotated.Text("new_signing_key_id"), after.Text("key_id"));
        var newSubkey = Assert.Single(rotated.Data["subkeys"]!.AsArray(), s => s!["key_id"]!.GetValue<string>() == rotated.Text("new_signing_key_id"))!;
        Assert.Equal(2048, newSubkey["key_bits"]!.GetValue<int>());
        Assert.Equal("RSA", newSubkey["algorithm"]!.GetValue<string>());
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(rotated.Text("public_key")))).EnsureSuccess("import");
        foreach (var signed in new[] { before, after })
        {
            var (result, status) = await gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(signed.Text("signature")));
            Assert.True(status.Good, result.ToString());
        }
    }

    [Theory]
    [InlineData("{\"signs_from\":\"2001-01-01T00:00:00Z\"}", "signs_from: 2001-01-01T00:00:00Z is in the past")]
    [InlineData("{\"signs_from\":\"soon\"}", "signs_from: \"soon\" is not an RFC 3339 time")]
    [InlineData("{\"key_type\":\"dsa\"}", "key_type: unsupported key_type \"dsa\"")]
    [InlineData("{\"key_type\":\"ed25519\",\"key_bits\":4096}", "key_bits: only valid for key_type rsa")]
    [InlineData("{\"overlap\":\"1h\"}", "the previous signing key is the primary key")]
    public async Task Rotate_BadInput_Is400NamingTheProblem(string body, string expected)
    {
        await _backend.WriteAsync("keys/k", new { key_type = "ed25519", real_name = "K" });

        var answer = await _backend.WriteAsync("keys/k/rotate", System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(400, answer.Status(Operation.Update));
        Assert.StartsWith(expected, answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_LogOn_RotateEventNamesTheNewSubkeyAndThePreviousKey()
    {
        await _backend.WriteAsync("log/config", new { origin = "vault.example.com/v1/gpg/log" });
        var created = await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" });
        _time.Advance(TimeSpan.FromMinutes(1));
        var from = _time.GetUtcNow().AddDays(7);

        var rotated = await _backend.WriteAsync("keys/release/rotate", new { signs_from = Rfc3339(from) });

        var entry = (await LogReader.EntriesAsync(_backend, 2))[1];
        Assert.Contains("\nevent rotate\nname release\n", entry, StringComparison.Ordinal);
        Assert.Contains($"\nsubkey {rotated.Text("new_signing_key_fingerprint")}\n", entry, StringComparison.Ordinal);
        Assert.Contains($"\nsettings signs_from={from.ToUnixTimeSeconds()} previous={created.Text("fingerprint")} previous_expires=unchanged\n", entry, StringComparison.Ordinal);
    }

    /// <summary>The key ID gpg signs with for <paramref name="primary"/> at <paramref name="at"/>, from its SIG_CREATED status.</summary>
    private static async Task<string> GpgSignerAtAsync(GpgOracle gpg, string primary, DateTimeOffset at)
    {
        var result = await gpg.RunAsync(
            ["--faked-system-time", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "!", "--passphrase", string.Empty,
             "--local-user", primary, "--detach-sign", "--output", "-", "-"],
            Artefact);
        result.EnsureSuccess("--detach-sign");
        return result.StatusOf("SIG_CREATED").Single().Arguments[^1][^16..].ToLowerInvariant();
    }

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
