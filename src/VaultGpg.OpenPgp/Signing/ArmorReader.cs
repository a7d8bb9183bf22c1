using System.Text;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// Reads ASCII armor strictly enough that corruption is caught (bad base64, CRC-24 mismatch, missing or mismatched
/// END line) and leniently where GnuPG is (text before the block, armor headers, CRLF, trailing spaces). Linear in
/// the input; never allocates more than a few times the input size.
/// </summary>
internal static class ArmorReader
{
    private const string BeginPrefix = "-----BEGIN ";
    private const string EndPrefix = "-----END ";
    private const string Dashes = "-----";

    /// <summary>Binary OpenPGP starts with a packet tag byte (high bit set); armor starts with text.</summary>
    public static bool LooksArmored(ReadOnlySpan<byte> input)
    {
        var trimmed = input.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] == (byte)'-';
    }

    /// <summary>The decoded bytes of the input: de-armored when it looks armored (the block must carry
    /// <paramref name="expectedLabel"/>), otherwise the input itself.</summary>
    public static byte[] ReadBinaryOrArmored(ReadOnlySpan<byte> input, string expectedLabel)
    {
        if (!LooksArmored(input))
        {
            return input.ToArray();
        }

        var data = Read(input, out var label);
        return label == expectedLabel
            ? data
            : throw Malformed($"expected an armored \"{expectedLabel}\" block, found \"{label}\"");
    }

    public static byte[] Read(ReadOnlySpan<byte> input, out string label)
    {
        var lines = Lines(Encoding.Latin1.GetString(input));
        var index = 0;
        while (index < lines.Length && !IsBeginLine(lines[index]))
        {
            index++;
        }

        if (index == lines.Length)
        {
            throw Malformed("no OpenPGP armor found");
        }

        return ReadBlock(lines, ref index, out label);
    }

    /// <summary>Splits text into lines without their CR/LF and trailing spaces or tabs.</summary>
    public static string[] Lines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd(' ', '\t', '\r');
        }

        return lines;
    }

    public static bool IsBeginLine(string line) =>
        line.StartsWith(BeginPrefix, StringComparison.Ordinal) && line.EndsWith(Dashes, StringComparison.Ordinal)
        && line.Length > BeginPrefix.Length + Dashes.Length;

    /// <summary>Reads the block whose BEGIN line is <c>lines[index]</c>; leaves <paramref name="index"/> after its END line.</summary>
    public static byte[] ReadBlock(string[] lines, ref int index, out string label)
    {
        var begin = lines[index];
        label = begin[BeginPrefix.Length..^Dashes.Length];
        index++;

        // Armor headers ("Key: value") up to the blank line; base64 never contains ':', so a line without one is data.
        while (index < lines.Length && lines[index].Length > 0 && lines[index].Contains(':', StringComparison.Ordinal))
        {
            index++;
        }

        if (index < lines.Length && lines[index].Length == 0)
        {
            index++;
        }

        var base64 = new StringBuilder();
        string? checksum = null;
        while (true)
        {
            if (index >= lines.Length)
            {
                throw Malformed("armor has no END line");
            }

            var line = lines[index++];
            if (line.StartsWith(EndPrefix, StringComparison.Ordinal))
            {
                if (line != EndPrefix + label + Dashes)
                {
                    throw Malformed("armor END line does not match its BEGIN line");
                }

                break;
            }

            if (checksum is not null)
            {
                throw Malformed("armor has data after its checksum");
            }

            if (line.StartsWith('=') && line.Length == 5)
            {
                checksum = line[1..];
            }
            else
            {
                base64.Append(line);
            }
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(base64.ToString());
        }
        catch (FormatException ex)
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "armor contains invalid base64", ex);
        }

        if (checksum is not null && !ChecksumMatches(checksum, data))
        {
            throw Malformed("armor checksum does not match");
        }

        return data;
    }

    private static bool ChecksumMatches(string checksum, byte[] data)
    {
        byte[] crc;
        try
        {
            crc = Convert.FromBase64String(checksum);
        }
        catch (FormatException ex)
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "armor checksum is not base64", ex);
        }

        return crc.Length == 3 && ((crc[0] << 16) | (crc[1] << 8) | crc[2]) == Crc24.Compute(data);
    }

    private static OpenPgpException Malformed(string message) => new(OpenPgpErrorKind.MalformedInput, message);
}
