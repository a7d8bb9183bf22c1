using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VaultGpg.Plugin.Tests.Protocol.Support;

/// <summary>Certificates shaped like go-plugin's generateCert (what Vault passes in PLUGIN_CLIENT_CERT).</summary>
internal static class GoPluginCertificates
{
    /// <summary>ECDSA P-521, CN=localhost O=HashiCorp, SAN localhost, CA, EKU client+server, signed with SHA-512.</summary>
    public static X509Certificate2 CreateVaultLike()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var request = new CertificateRequest("CN=localhost, O=HashiCorp", key, HashAlgorithmName.SHA512);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement
            | X509KeyUsageFlags.KeyCertSign,
            true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.2"), new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddSeconds(-30), now.AddYears(30));
    }

    public static string ToPem(X509Certificate2 certificate) => certificate.ExportCertificatePem();
}
