using System.Text;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// ASCII armor (RFC 4880 §6.2): base64 in 64-character lines between BEGIN/END lines, with the CRC-24 checksum line
/// GnuPG 2.2 writes and checks. No headers are written (GnuPG 2.2 writes none by default either).
/// </summary>
public static class Armor
{
    private const int LineLength = 64;

    /// <summary>Armors <paramref name="data"/> with LF line endings and a final newline.</summary>
    public static string Encode(ReadOnlySpan<byte> data, ArmorKind kind)
    {
        var label = Label(kind);
        var base64 = Convert.ToBase64String(data);
        var text = new StringBuilder(base64.Length + (base64.Length / LineLength) + 100);
        text.Append("-----BEGIN ").Append(label).Append("-----\n\n");
        for (var i = 0; i < base64.Length; i += LineLength)
        {
            text.Append(base64, i, Math.Min(LineLength, base64.Length - i)).Append('\n');
        }

        Span<byte> crc = stackalloc byte[3];
        var value = Crc24.Compute(data);
        crc[0] = (byte)(value >> 16);
        crc[1] = (byte)(value >> 8);
        crc[2] = (byte)value;
        text.Append('=').Append(Convert.ToBase64String(crc)).Append('\n');
        text.Append("-----END ").Append(label).Append("-----\n");
        return text.ToString();
    }

    /// <summary>Decodes the first armored block in <paramref name="armored"/>, whatever its type.</summary>
    /// <exception cref="OpenPgpException">No block, bad base64, a checksum mismatch or a missing END line.</exception>
    public static byte[] Decode(string armored)
    {
        ArgumentNullException.ThrowIfNull(armored);
        return ArmorReader.Read(Encoding.Latin1.GetBytes(armored), out _);
    }

    internal static string Label(ArmorKind kind) => kind switch
    {
        ArmorKind.Signature => "PGP SIGNATURE",
        ArmorKind.Message => "PGP MESSAGE",
        ArmorKind.PublicKey => "PGP PUBLIC KEY BLOCK",
        ArmorKind.PrivateKey => "PGP PRIVATE KEY BLOCK",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
