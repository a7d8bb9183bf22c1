using System.Text;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// The cleartext signature framework (RFC 4880 §7, §7.1), both directions. The signed text is the lines with trailing
/// spaces, tabs and CRs removed, joined by CRLF, without a line ending after the last line. The message shows each
/// line as given (dash-escaped, ending in LF), exactly as GnuPG 2.2 does, so <c>gpg --decrypt</c> prints the same text
/// for our message as for its own. GnuPG also escapes lines starting "From " (for mail transports) and so do we.
/// A final newline in the input is not a line of its own, so "a\n" and "a" sign and display the same, as in GnuPG.
/// </summary>
internal static class CleartextFormat
{
    public const string BeginMessage = "-----BEGIN PGP SIGNED MESSAGE-----";
    public const string BeginSignature = "-----BEGIN PGP SIGNATURE-----";

    /// <summary>The lines of <paramref name="text"/> as they are displayed (split at LF, contents untouched).</summary>
    public static string[] Lines(string text)
    {
        var lines = text.Split('\n');
        return lines.Length > 1 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    /// <summary>The bytes a cleartext signature covers (before the trailer).</summary>
    public static byte[] SignedBytes(IEnumerable<string> lines, Encoding encoding) =>
        encoding.GetBytes(string.Join("\r\n", lines.Select(line => line.TrimEnd(' ', '\t', '\r'))));

    public static string Compose(IReadOnlyList<string> lines, string hashName, string armoredSignature)
    {
        var message = new StringBuilder();
        message.Append(BeginMessage).Append('\n');
        message.Append("Hash: ").Append(hashName).Append("\n\n");
        foreach (var line in lines)
        {
            if (line.StartsWith('-') || line.StartsWith("From ", StringComparison.Ordinal))
            {
                message.Append("- ");
            }

            message.Append(line).Append('\n');
        }

        message.Append(armoredSignature);
        return message.ToString();
    }

    /// <summary>
    /// Splits a cleartext-signed message (decoded 1:1 as Latin-1 so bytes survive) into its Hash header values, the
    /// signed lines (dash-escaping undone, trailing whitespace already trimmed), the binary signature block, and
    /// whether the message holds text outside the signed block: before its BEGIN line or after the signature's END
    /// line. GnuPG 2.2 (gpg --verify, gpgv) ignores such text without a word and says GOODSIG; it fails on a second
    /// signed block after the first ("multiple plaintexts seen", exit 2), which is refused here.
    /// </summary>
    public static (IReadOnlyList<string> HashNames, string[] Lines, byte[] Signature, bool UnsignedText) Parse(string message)
    {
        var lines = ArmorReader.Lines(message);
        var index = Array.IndexOf(lines, BeginMessage);
        if (index < 0)
        {
            throw Malformed("not a cleartext-signed message");
        }

        var unsignedText = lines.Take(index).Any(line => line.Length > 0);

        index++;
        var hashNames = new List<string>();
        for (; index < lines.Length && lines[index].Length > 0; index++)
        {
            var header = lines[index];
            if (!header.StartsWith("Hash: ", StringComparison.Ordinal))
            {
                throw Malformed("unexpected header in cleartext-signed message");
            }

            hashNames.AddRange(header["Hash: ".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        if (index >= lines.Length)
        {
            throw Malformed("cleartext-signed message is truncated");
        }

        index++;
        var body = new List<string>();
        for (; index < lines.Length && lines[index] != BeginSignature; index++)
        {
            var line = lines[index];
            body.Add(line.StartsWith("- ", StringComparison.Ordinal) ? line[2..] : line);
        }

        if (index >= lines.Length)
        {
            throw Malformed("cleartext-signed message has no signature");
        }

        var signature = ArmorReader.ReadBlock(lines, ref index, out _);
        var after = lines.Skip(index).ToList();
        if (after.Contains(BeginMessage, StringComparer.Ordinal))
        {
            throw Malformed("the message holds more than one signed block");
        }

        return (hashNames, [.. body], signature, unsignedText || after.Any(line => line.Length > 0));
    }

    private static OpenPgpException Malformed(string message) => new(OpenPgpErrorKind.MalformedInput, message);
}
