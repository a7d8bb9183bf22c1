using System.Text;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Tests.Verification;

/// <summary>Broken variants of a valid OpenPGP blob, shared by the malformed-signature and malformed-message suites.</summary>
internal static class MalformedInputs
{
    /// <summary>The cases every parser must survive, by name.</summary>
    public static readonly string[] CommonCases =
        ["empty", "random bytes", "10 MiB junk", "10 MiB high-bit junk", "bad armor checksum", "armor of wrong type"];

    /// <summary>A common case built from <paramref name="valid"/> (binary), or null for a name not in <see cref="CommonCases"/>.</summary>
    public static byte[]? Common(string name, byte[] valid, ArmorKind kind, ArmorKind wrongKind) => name switch
    {
        "empty" => [],
        "random bytes" => [0x00, .. RandomBytes(name, 500)],
        "10 MiB junk" => Encoding.ASCII.GetBytes(new string('x', 10 << 20)),
        "10 MiB high-bit junk" => [.. RandomBytes(name, 10 << 20).Select(b => (byte)(b | 0x80))],
        "bad armor checksum" => Encoding.ASCII.GetBytes(WrongChecksum(Armor.Encode(valid, kind))),
        "armor of wrong type" => Encoding.ASCII.GetBytes(Armor.Encode(valid, wrongKind)),
        _ => null,
    };

    /// <summary>Replaces the CRC-24 line with a different, well-formed one.</summary>
    public static string WrongChecksum(string armored)
    {
        var at = armored.IndexOf("\n=", StringComparison.Ordinal) + 2;
        var replacement = armored.Substring(at, 4) == "AAAA" ? "AAAB" : "AAAA";
        return armored[..at] + replacement + armored[(at + 4)..];
    }

    public static byte[] WithByte(byte[] source, int index, byte value)
    {
        var copy = source.ToArray();
        copy[index] = value;
        return copy;
    }

    private static byte[] RandomBytes(string seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed.Length).NextBytes(bytes);
        return bytes;
    }
}
