using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Signing;

/// <summary>The signature expiration time subpacket (RFC 4880 §5.2.3.10), as gpg reads it.</summary>
public sealed class SignatureExpiryTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("a release file\n");

    [GpgFact]
    public async Task SignDetached_ExpiresAfterOneDay_GpgVerifiesAndReportsExpiry()
    {
        // Arrange: created a minute ago by the real clock, so it is valid now.
        var created = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        var signer = new OpenPgpSigner(new FakeTimeProvider(created));

        // Act
        var signature = signer.SignDetached(keys["rsa"].Signer, Payload, new SignOptions { ExpiresAfter = TimeSpan.FromDays(1) });

        // Assert
        var (result, status) = await keys.Gpg.VerifyDetachedAsync(Payload, signature);
        Assert.True(status.Good, result.ToString());
        Assert.False(result.Has("EXPSIG"), result.ToString());
        Assert.Equal(created.AddDays(1).ToUnixTimeSeconds(), ValidSigExpiry(result));
    }

    [GpgFact]
    public async Task SignHashState_ExpiresAfterOneHour_GpgReportsExpiry()
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        var signer = new OpenPgpSigner(new FakeTimeProvider(created));
        var hash = ResumableHash.Create(HashAlgorithm.Sha256);
        hash.Append(Payload);

        var signature = signer.SignHashState(keys["ed25519"].Signer, hash.ExportState(), new HashStateSignOptions { ExpiresAfter = TimeSpan.FromHours(1) });

        var (result, status) = await keys.Gpg.VerifyDetachedAsync(Payload, signature);
        Assert.True(status.Good, result.ToString());
        Assert.Equal(created.AddHours(1).ToUnixTimeSeconds(), ValidSigExpiry(result));
    }

    [GpgFact]
    public async Task SignDetached_ExpiredBeforeNow_GpgReportsExpsig()
    {
        // Arrange: made two days ago with a one-hour lifetime (after the fixture keys were created, so gpg checks it).
        var signer = new OpenPgpSigner(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2)));

        // Act
        var signature = signer.SignDetached(keys["rsa"].Signer, Payload, new SignOptions { ExpiresAfter = TimeSpan.FromHours(1) });

        // Assert
        var (result, _) = await keys.Gpg.VerifyDetachedAsync(Payload, signature);
        Assert.True(result.Has("EXPSIG"), result.ToString());
        Assert.False(result.Has("GOODSIG"), result.ToString());
    }

    [GpgTheory]
    [InlineData(null)]
    [InlineData(0)]
    public async Task SignDetached_NoOrZeroLifetime_GpgReportsNoExpiry(int? seconds)
    {
        var signer = new OpenPgpSigner(new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-1)));
        var options = new SignOptions { ExpiresAfter = seconds is { } s ? TimeSpan.FromSeconds(s) : null };

        var signature = signer.SignDetached(keys["rsa"].Signer, Payload, options);

        var (result, status) = await keys.Gpg.VerifyDetachedAsync(Payload, signature);
        Assert.True(status.Good, result.ToString());
        Assert.Equal(0, ValidSigExpiry(result));
    }

    [GpgTheory]
    [InlineData(-1.0)]
    [InlineData(0.5)]
    public void SignDetached_NegativeOrSubSecondLifetime_ThrowsInvalidInput(double seconds)
    {
        var options = new SignOptions { ExpiresAfter = TimeSpan.FromSeconds(seconds) };

        var ex = Assert.Throws<OpenPgpException>(() => new OpenPgpSigner().SignDetached(keys["rsa"].Signer, Payload, options));

        Assert.Equal(OpenPgpErrorKind.InvalidInput, ex.Kind);
    }

    /// <summary>VALIDSIG's fourth argument: the expiry as seconds since 1970, 0 for none.</summary>
    private static long ValidSigExpiry(GpgResult result) =>
        long.Parse(result.StatusOf("VALIDSIG").Single().Arguments[3], CultureInfo.InvariantCulture);
}
