using System.Security.Cryptography;
using System.Text;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// The Web Key Directory names (draft-koch-openpgp-webkey-service §3.1): the local part of the address, lower-cased
/// (ASCII letters only), hashed with SHA-1 and encoded in z-base-32, as <c>gpg-wks-client --print-wkd-hash</c> prints it.
/// </summary>
public static class WkdHash
{
    private const string ZBase32Alphabet = "ybndrfg8ejkmcpqxot1uwisza345h769";

    /// <summary>The 32-character hash of <paramref name="localPart"/> (the part of the address before the '@').</summary>
    public static string OfLocalPart(string localPart)
    {
        ArgumentNullException.ThrowIfNull(localPart);
        var lowered = string.Create(localPart.Length, localPart, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = s[i] is >= 'A' and <= 'Z' ? (char)(s[i] + 32) : s[i];
            }
        });
#pragma warning disable CA5350 // SHA-1 is what the WKD draft names the directory entries with; it is no security check.
        return ZBase32(SHA1.HashData(Encoding.UTF8.GetBytes(lowered)));
#pragma warning restore CA5350
    }

    /// <summary>The address of a user ID (inside &lt;&gt;, or the whole user ID when it is a bare address), null when it has none.</summary>
    public static string? AddressOf(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var open = userId.LastIndexOf('<');
        var close = userId.LastIndexOf('>');
        var address = open >= 0 && close > open ? userId[(open + 1)..close] : userId.Trim();
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1 && !address.Any(char.IsWhiteSpace) ? address : null;
    }

    /// <summary>z-base-32 (RFC 6189 §5.1.6) of whole bytes: 5 bits per character, most significant first.</summary>
    internal static string ZBase32(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder((data.Length * 8 + 4) / 5);
        var buffer = 0;
        var bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(ZBase32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(ZBase32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}
