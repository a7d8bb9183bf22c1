using System.Buffers.Binary;

namespace VaultGpg.Transparency;

/// <summary>One signature line of a signed note: key name, key ID, and the signature bytes after the key ID.</summary>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Signature)
{
    /// <summary>The line without its newline: U+2014, space, name, space, base64(key ID || signature).</summary>
    public string Line
    {
        get
        {
            var bytes = new byte[4 + Signature.Length];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
            Signature.CopyTo(bytes, 4);
            return $"\u2014 {Name} {Convert.ToBase64String(bytes)}";
        }
    }

    /// <summary>Reads one line (without newline); a <see cref="FormatException"/> when it is not a signature line.</summary>
    public static NoteSignature ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        const string Prefix = "\u2014 ";
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("signature line does not start with an em dash and a space");
        }

        var rest = line[Prefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !NoteKeyId.IsValidName(rest[..space]))
        {
            throw new FormatException("signature line has no valid key name");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(rest[(space + 1)..]);
        }
        catch (FormatException)
        {
            throw new FormatException("signature line has invalid base64");
        }

        if (bytes.Length < 5 || rest[(space + 1)..].Contains(' ', StringComparison.Ordinal))
        {
            throw new FormatException("signature line is too short");
        }

        return new NoteSignature(rest[..space], BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..]);
    }
}
