using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>
/// Rotation to a new signing subkey that starts signing at a chosen time. gpg, holding the same secret key, is asked
/// which key it signs with at each instant (its --faked-system-time): the library's choice must be the same, and gpg
/// must accept the library's signatures.
/// </summary>
public sealed class KeyRotationTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("release 3.0\n");

    [GpgFact]
    public async Task Rotate_StartInThePastOfGpgsClockWithOverlap_SignerMatchesGpgAtEveryInstant()
    {
        // Arrange: a key three hours old with a signing subkey A; all instants lie in the real past.
        var t0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3 * 3600);
        var time = new FakeTimeProvider(t0);
        var key = NewKey(time);
        var a = new SubkeyEditor(time).AddSubkey(key, new SubkeyOptions { Type = KeyType.Ed25519 });
        time.Advance(TimeSpan.FromMinutes(10));
        var from = t0.AddHours(1);

        // Act: B signs from t0+1h; A expires at t0+1.5h.
        var rotated = new KeyRotation(time).Rotate(a.Key, new RotationOptions { SignsFrom = from, PreviousExpiresAt = t0.AddMinutes(90) });

        // Assert
        Assert.Equal(a.Subkey.Fingerprint, rotated.PreviousFingerprint);
        Assert.Equal(from, rotated.NewSubkey.CreatedAt);
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(rotated.Key.ExportSecretKeyArmored()))).EnsureSuccess("import");
        var expected = new[] { (t0.AddMinutes(30), a.Subkey.Fingerprint), (from.AddSeconds(1), rotated.NewSubkey.Fingerprint), (t0.AddHours(2), rotated.NewSubkey.Fingerprint) };
        foreach (var (instant, fingerprint) in expected)
        {
            Assert.Equal(fingerprint, rotated.Key.DescribeAt(instant).SigningKeyFingerprint);
            Assert.Equal(fingerprint, await GpgSignerAtAsync(gpg, rotated.Key.Info.Fingerprint, instant));
            var signature = new OpenPgpSigner(new FakeTimeProvider(instant)).SignDetached(rotated.Key, Data);
            var (result, status) = await gpg.VerifyDetachedAsync(Data, signature);
            Assert.Equal(fingerprint, status.Fingerprint);
            // A has expired by gpg's real clock: its signatures are still valid, made by a key that has since expired.
            Assert.True(fingerprint == a.Subkey.Fingerprint ? status.Valid && result.Has("EXPKEYSIG") : status.Good, result.ToString());
        }

        var listing = await gpg.ListKeysAsync();
        Assert.Equal("e", Assert.Single(listing, r => r.Type == "sub" && r.KeyId == a.Subkey.KeyId).Validity);
        Assert.Equal(t0.AddMinutes(90).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), listing.Single(r => r.Type == "sub" && r.KeyId == a.Subkey.KeyId).Expires);
    }

    [GpgFact]
    public async Task Rotate_StartInTheFuture_GpgAndLibraryKeepTheOldSignerUntilThen()
    {
        // Arrange
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var time = new FakeTimeProvider(now.AddMinutes(-10));
        var key = NewKey(time);
        time.SetUtcNow(now);
        var from = now.AddHours(1);

        // Act
        var rotated = new KeyRotation(time).Rotate(key, new RotationOptions { SignsFrom = from, ExpiresAfter = TimeSpan.FromDays(365) });

        // Assert: the primary key signs now (for gpg on its real clock too), the new subkey from then on.
        Assert.Equal(key.Info.Fingerprint, rotated.PreviousFingerprint);
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(Encoding.ASCII.GetBytes(rotated.Key.ExportSecretKeyArmored()))).EnsureSuccess("import");
        Assert.Equal(key.Info.Fingerprint, rotated.Key.DescribeAt(now).SigningKeyFingerprint);
        Assert.Equal(key.Info.Fingerprint, await GpgSignerAtAsync(gpg, key.Info.Fingerprint, null));
        Assert.Equal(rotated.NewSubkey.Fingerprint, rotated.Key.DescribeAt(from).SigningKeyFingerprint);
        Assert.Equal(rotated.NewSubkey.Fingerprint, await GpgSignerAtAsync(gpg, key.Info.Fingerprint, from.AddSeconds(1)));
        var schedule = rotated.Key.SigningScheduleAt(now);
        Assert.Equal(new SigningSchedule(key.Info.Fingerprint, key.Info.CreatedAt, rotated.NewSubkey.Fingerprint, from), schedule);
        var later = rotated.Key.SigningScheduleAt(from.AddDays(1));
        Assert.Equal(new SigningSchedule(rotated.NewSubkey.Fingerprint, from, key.Info.Fingerprint, from.AddDays(365).AddSeconds(1)), later);
    }

    [Fact]
    public void Rotate_StartInThePast_ThrowsInvalidInput()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var key = NewKey(time);

        var ex = Assert.Throws<OpenPgpException>(() => new KeyRotation(time).Rotate(key, new RotationOptions { SignsFrom = time.GetUtcNow().AddMinutes(-1) }));

        Assert.Contains("in the past", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_PreviousIsPrimaryAndExpiryAsked_ThrowsInvalidInput()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var key = NewKey(time);

        var ex = Assert.Throws<OpenPgpException>(() => new KeyRotation(time).Rotate(key, new RotationOptions { PreviousExpiresAt = time.GetUtcNow().AddDays(1) }));

        Assert.Contains("the previous signing key is the primary key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_PreviousExpiresBeforeTheStart_ThrowsInvalidInput()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var a = new SubkeyEditor(time).AddSubkey(NewKey(time), new SubkeyOptions { Type = KeyType.Ed25519 });

        var ex = Assert.Throws<OpenPgpException>(() => new KeyRotation(time).Rotate(
            a.Key, new RotationOptions { SignsFrom = time.GetUtcNow().AddDays(2), PreviousExpiresAt = time.GetUtcNow().AddDays(1) }));

        Assert.Contains("before the new one starts signing", ex.Message, StringComparison.Ordinal);
    }

    private static OpenPgpKey NewKey(TimeProvider time) =>
        new KeyGenerator(time).Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = "Rotation Test" });

    /// <summary>The key gpg signs with for <paramref name="primary"/> at <paramref name="at"/> (its real clock when null):
    /// the fingerprint in its SIG_CREATED status.</summary>
    private static async Task<string> GpgSignerAtAsync(GpgOracle gpg, string primary, DateTimeOffset? at)
    {
        string[] faked = at is { } t ? ["--faked-system-time", t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "!"] : [];
        var result = await gpg.RunAsync([.. faked, "--passphrase", string.Empty, "--local-user", primary, "--detach-sign", "--output", "-", "-"], Data);
        result.EnsureSuccess("--detach-sign");
        return result.StatusOf("SIG_CREATED").Single().Arguments[^1];
    }
}
