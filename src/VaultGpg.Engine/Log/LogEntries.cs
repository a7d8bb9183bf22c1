using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VaultGpg.Engine.Log;

/// <summary>
/// The text of log entries (API.md, "Transparency log entries"): one small UTF-8 text per event, first line
/// <c>&lt;origin&gt;/signature/v1</c> or <c>&lt;origin&gt;/key/v1</c>, then <c>name value</c> lines, each ending in a
/// newline. Nothing about who asked, no file names, no data: what anyone holding the file, the signature and the
/// public key can rebuild, plus the key events a key owner needs to see.
/// </summary>
internal static class LogEntries
{
    public const string Binary = "binary";
    public const string Text = "text";
    public const string Cleartext = "cleartext";

    /// <summary>
    /// A signature's entry: <c>digest</c> is the signature's hash algorithm (sha224, sha256, sha384 or sha512) over the
    /// data as the user holds it (the file; the text for cleartext), <c>signature</c> the SHA-256 of the binary
    /// signature packet (never the armor), <c>type</c> binary, text or cleartext.
    /// </summary>
    public static byte[] Signature(
        string origin, string primaryFingerprint, string signingFingerprint, string digestAlgorithm, ReadOnlySpan<byte> digest,
        ReadOnlySpan<byte> signaturePacket, string type, DateTimeOffset created)
    {
        var text = new StringBuilder()
            .Append(origin).Append("/signature/v1\n")
            .Append("key ").Append(Hex(primaryFingerprint)).Append(' ').Append(Hex(signingFingerprint)).Append('\n')
            .Append("digest ").Append(digestAlgorithm).Append(':').Append(Convert.ToHexStringLower(digest)).Append('\n')
            .Append("signature sha256:").Append(Convert.ToHexStringLower(SHA256.HashData(signaturePacket))).Append('\n')
            .Append("type ").Append(type).Append('\n')
            .Append("created ").Append(created.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// A key event's entry: the event (create, import, subkey-add, subkey-remove, config, delete, revoke, certify or
    /// transition), the key's name and fingerprint, the SHA-256 of the binary public key after the event (none for
    /// delete), the subkey added, removed or revoked, and as <c>name=value</c> words the settings after a config event
    /// or what a revoke, certify or transition did.
    /// </summary>
    public static byte[] KeyEvent(
        string origin, string keyEvent, string keyName, string primaryFingerprint, ReadOnlySpan<byte> publicKey,
        string? subkeyFingerprint, string? settings, DateTimeOffset time)
    {
        var text = new StringBuilder()
            .Append(origin).Append("/key/v1\n")
            .Append("event ").Append(keyEvent).Append('\n')
            .Append("name ").Append(keyName).Append('\n')
            .Append("key ").Append(Hex(primaryFingerprint)).Append('\n');
        if (!publicKey.IsEmpty)
        {
            text.Append("public-key sha256:").Append(Convert.ToHexStringLower(SHA256.HashData(publicKey))).Append('\n');
        }

        if (subkeyFingerprint is not null)
        {
            text.Append("subkey ").Append(Hex(subkeyFingerprint)).Append('\n');
        }

        if (settings is not null)
        {
            text.Append("settings ").Append(settings).Append('\n');
        }

        text.Append("time ").Append(time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Hex(string fingerprint) => fingerprint.ToLowerInvariant();
}
