using System.Security.Cryptography.X509Certificates;

namespace VaultGpg.PluginSdk.Hosting.Tls;

/// <summary>
/// Trust in exactly one certificate: Vault's one-time AutoMTLS certificate from PLUGIN_CLIENT_CERT. A peer is accepted
/// only when it presents that very certificate (byte-equal DER); no system trust store is involved.
/// </summary>
internal sealed class CertificatePin
{
    private readonly byte[] _der;

    public CertificatePin(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        _der = certificate.RawData;
        Subject = certificate.Subject;
        Thumbprint = certificate.Thumbprint;
    }

    public string Subject { get; }

    public string Thumbprint { get; }

    /// <summary>Reads the PEM text go-plugin passes in PLUGIN_CLIENT_CERT.</summary>
    public static CertificatePin FromPem(string pem)
    {
        using var certificate = X509Certificate2.CreateFromPem(pem);
        return new CertificatePin(certificate);
    }

    public bool Matches(X509Certificate? presented) =>
        presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(_der);
}
