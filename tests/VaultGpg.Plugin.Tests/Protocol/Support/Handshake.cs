using System.Security.Cryptography.X509Certificates;

namespace VaultGpg.Plugin.Tests.Protocol.Support;

/// <summary>A parsed go-plugin handshake line: CORE|APP|NETWORK|ADDRESS|PROTOCOL|CERT.</summary>
internal sealed record Handshake(string Line, string[] Fields)
{
    public string Network => Fields[2];

    public string Address => Fields[3];

    public string CertificateField => Fields[5];

    /// <summary>Decodes the certificate field the way go-plugin does (base64.RawStdEncoding: no padding allowed).</summary>
    public X509Certificate2 DecodeCertificate()
    {
        if (CertificateField.Contains('=', StringComparison.Ordinal))
        {
            throw new FormatException("certificate field has base64 padding, which Go's RawStdEncoding rejects");
        }

        var padded = CertificateField + new string('=', (4 - (CertificateField.Length % 4)) % 4);
        return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(padded));
    }

    public static Handshake Parse(string line) => new(line, line.Split('|'));
}
