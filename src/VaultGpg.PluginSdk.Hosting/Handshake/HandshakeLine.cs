using System.Globalization;

namespace VaultGpg.PluginSdk.Hosting.Handshake;

/// <summary>go-plugin's stdout handshake: <c>CORE|APP|NETWORK|ADDRESS|PROTOCOL|CERT</c>.</summary>
internal static class HandshakeLine
{
    /// <summary>go-plugin's CoreProtocolVersion; clients reject anything else.</summary>
    public const int CoreProtocolVersion = 1;

    /// <summary>
    /// Formats the line, newline included. The certificate is DER in standard base64 without padding (Go's
    /// RawStdEncoding). No seventh multiplexing field: clients before go-plugin 1.6 would glue it onto the certificate.
    /// </summary>
    public static string Format(int appVersion, ListenAddress address, ReadOnlySpan<byte> certificateDer) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{CoreProtocolVersion}|{appVersion}|{address.Network}|{address.Address}|grpc|{Convert.ToBase64String(certificateDer).TrimEnd('=')}\n");
}
