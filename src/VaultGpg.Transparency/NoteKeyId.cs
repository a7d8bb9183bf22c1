using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace VaultGpg.Transparency;

/// <summary>C2SP signed-note key names and key IDs.</summary>
public static class NoteKeyId
{
    /// <summary>Signature type of an Ed25519 note signature.</summary>
    public const byte Ed25519Type = 0x01;

    /// <summary>Signature type of a C2SP tlog-cosignature/v1 witness cosignature.</summary>
    public const byte CosignatureType = 0x04;

    /// <summary>The first 4 bytes of SHA-256(name || 0x0A || type || public key), big-endian.</summary>
    public static uint Compute(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = (byte)'\n';
        input[nameBytes.Length + 1] = type;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>A key name: not empty, no Unicode white space, no '+'.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && !name.Any(char.IsWhiteSpace) && !name.Contains('+', StringComparison.Ordinal)
        && !name.Any(char.IsControl);

    /// <summary>The <c>&lt;name&gt;+&lt;key ID hex&gt;+&lt;base64(type || key)&gt;</c> form of verifier (and, prefixed, signer) keys.</summary>
    internal static string FormatKey(string name, uint keyId, byte type, ReadOnlySpan<byte> key)
    {
        var typed = new byte[1 + key.Length];
        typed[0] = type;
        key.CopyTo(typed.AsSpan(1));
        return $"{name}+{keyId:x8}+{Convert.ToBase64String(typed)}";
    }

    /// <summary>Splits <c>name+hex+base64</c>; null unless well formed.</summary>
    internal static (string Name, uint KeyId, byte Type, byte[] Key)? ParseKey(string text)
    {
        // The base64 key may itself hold '+': only the first two separate (as Go's chop does).
        var parts = text.Split('+', 3);
        if (parts.Length != 3 || !IsValidName(parts[0]) || parts[1].Length != 8 || !parts[1].All(char.IsAsciiHexDigitLower)
            || !uint.TryParse(parts[1], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var keyId))
        {
            return null;
        }

        byte[] typed;
        try
        {
            typed = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            return null;
        }

        return typed.Length < 2 ? null : (parts[0], keyId, typed[0], typed[1..]);
    }
}
