using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VaultGpg.Plugin.Tests.Protocol.Support;
using VaultGpg.PluginSdk.Hosting.Tls;

namespace VaultGpg.Plugin.Tests.Protocol.Units;

public sealed class TlsUnitTests
{
    [Fact]
    public void Create_PluginCertificate_IsP256WithPrivateKeyAndBackdated()
    {
        var now = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

        using var certificate = PluginCertificate.Create(new FixedTime(now));

        Assert.True(certificate.HasPrivateKey);
        using var key = certificate.GetECDsaPublicKey();
        Assert.Equal(256, key!.KeySize);
        Assert.Equal(now.UtcDateTime.AddSeconds(-30), certificate.NotBefore.ToUniversalTime());
    }

    [Fact]
    public void NewSerialNumber_Always_PositiveAndSixteenBytes()
    {
        for (var i = 0; i < 200; i++)
        {
            var serial = PluginCertificate.NewSerialNumber();
            Assert.Equal(16, serial.Length);
            Assert.Equal(0, serial[0] & 0x80);
        }
    }

    [Fact]
    public void Matches_SameCertificateFromPem_TrueAndOtherCertificate_False()
    {
        using var vault = GoPluginCertificates.CreateVaultLike();
        using var other = GoPluginCertificates.CreateVaultLike();
        var pin = CertificatePin.FromPem(GoPluginCertificates.ToPem(vault));

        Assert.True(pin.Matches(X509CertificateLoader.LoadCertificate(vault.RawData)));
        Assert.False(pin.Matches(other));
        Assert.False(pin.Matches(null));
    }

    [Fact]
    public void FromPem_NotACertificate_Throws() =>
        Assert.ThrowsAny<CryptographicException>(() => CertificatePin.FromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
