using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VaultGpg.PluginSdk.Hosting.Tls;

/// <summary>
/// The plugin's one-time AutoMTLS certificate. Vault trusts exactly this certificate (from the handshake line) as
/// the server of the main connection and as the client of the brokered storage connection, so it carries both EKUs.
/// </summary>
internal static class PluginCertificate
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>Backdated so that a host whose clock is slightly behind still finds it valid (go-plugin does the same).</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365 * 30);

    /// <summary>Creates a self-signed ECDSA P-256 certificate for DNS name <c>localhost</c>, with its private key.</summary>
    public static X509Certificate2 Create(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=VaultGpg", key, HashAlgorithmName.SHA256);

        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement
            | X509KeyUsageFlags.KeyCertSign,
            critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(ServerAuthOid), new Oid(ClientAuthOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        var now = timeProvider.GetUtcNow();
        using var unkeyed = request.Create(
            request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now - Backdate, now + Lifetime, NewSerialNumber());
        return unkeyed.CopyWithPrivateKey(key);
    }

    /// <summary>A random 128-bit serial with the top bit cleared: Go 1.23+ rejects negative serials.</summary>
    internal static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01; // keep it 16 bytes long and non-zero
        return serial;
    }
}
