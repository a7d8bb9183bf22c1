using System.Buffers;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// Parsing shared by several paths: hash algorithm names, output formats, base64 and armored inputs, lifetimes. Each
/// returns the value or a <see cref="Problem"/> that names the field (and quotes the bad value where that is safe), so
/// handlers never repeat these switches.
/// </summary>
internal static class RequestValues
{
    public const string Base64Format = "base64";
    public const string ArmorFormat = "ascii-armor";
    public const string DefaultAlgorithm = "sha2-256";

    public static readonly IReadOnlyList<string> Algorithms = ["sha2-224", "sha2-256", "sha2-384", "sha2-512"];
    public static readonly IReadOnlyList<string> Formats = [Base64Format, ArmorFormat];

    public static Parsed<HashAlgorithm> HashAlgorithm(string fieldName, string value) => value switch
    {
        "sha2-224" => OpenPgp.HashAlgorithm.Sha224,
        "sha2-256" => OpenPgp.HashAlgorithm.Sha256,
        "sha2-384" => OpenPgp.HashAlgorithm.Sha384,
        "sha2-512" => OpenPgp.HashAlgorithm.Sha512,
        _ => Parsed<HashAlgorithm>.Invalid(
            $"unsupported {fieldName} \"{value}\"; must be one of {string.Join(", ", Algorithms)}"),
    };

    /// <summary>
    /// The hash used when the request names none: what gpg picks for the signing key. ECDSA needs a digest at least as
    /// long as the curve's order, so P-384 (and brainpoolP384r1) signs with SHA-384 and P-521 (brainpoolP512r1) with
    /// SHA-512; every other key with SHA-256, as the Go plugin.
    /// </summary>
    public static HashAlgorithm DefaultHashFor(OpenPgp.Keys.KeyInfo signing)
    {
        var curve = signing.SigningKeyId == signing.KeyId ? signing.Curve : signing.FindSubkey(signing.SigningKeyId ?? "")?.Curve;
        return curve switch
        {
            "nistp384" or "brainpoolP384r1" => OpenPgp.HashAlgorithm.Sha384,
            "nistp521" or "brainpoolP512r1" => OpenPgp.HashAlgorithm.Sha512,
            _ => OpenPgp.HashAlgorithm.Sha256,
        };
    }

    public static string HashAlgorithmName(HashAlgorithm algorithm) => algorithm switch
    {
        OpenPgp.HashAlgorithm.Sha224 => "sha2-224",
        OpenPgp.HashAlgorithm.Sha256 => "sha2-256",
        OpenPgp.HashAlgorithm.Sha384 => "sha2-384",
        OpenPgp.HashAlgorithm.Sha512 => "sha2-512",
        _ => ((int)algorithm).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>True for ascii-armor, false for base64.</summary>
    public static Parsed<bool> IsArmored(string fieldName, string value) => value switch
    {
        Base64Format => false,
        ArmorFormat => true,
        _ => Parsed<bool>.Invalid($"unsupported {fieldName} \"{value}\"; must be base64 or ascii-armor"),
    };

    /// <summary>
    /// Decodes base64 exactly as Vault and the Go plugin do (Go's <c>base64.StdEncoding</c>): the standard alphabet,
    /// <c>=</c> padding required, and only the line breaks (\r, \n) Go's decoder skips tolerated anywhere. Spaces, tabs,
    /// missing padding and the URL alphabet are refused. Like Go's default (non-strict) decoding, unused bits in the
    /// last character are not checked.
    /// </summary>
    public static Parsed<byte[]> Base64(string fieldName, string value)
    {
        var illegal = value.AsSpan().IndexOfAnyExcept(Base64CharactersAndLineBreaks);
        if (illegal >= 0)
        {
            return Parsed<byte[]>.Invalid(fieldName, $"not valid base64: illegal character at input byte {illegal} ({Base64Rules})");
        }

        var digits = value.AsSpan().ContainsAny('\r', '\n') ? value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal) : value;
        if (digits.Length % 4 != 0)
        {
            return Parsed<byte[]>.Invalid(fieldName, $"not valid base64: {digits.Length} characters without line breaks, not a multiple of 4 ({Base64Rules})");
        }

        var padding = digits.IndexOf('=', StringComparison.Ordinal);
        if (padding >= 0 && (padding < digits.Length - 2 || digits[^1] != '='))
        {
            return Parsed<byte[]>.Invalid(fieldName, $"not valid base64: padding inside the data ({Base64Rules})");
        }

        var buffer = new byte[digits.Length / 4 * 3];
        return Convert.TryFromBase64String(digits, buffer, out var written)
            ? buffer[..written]
            : Parsed<byte[]>.Invalid(fieldName, $"not valid base64 ({Base64Rules})");
    }

    /// <summary>Reads signature or message bytes sent as base64, or as ASCII armor when armored.</summary>
    public static Parsed<byte[]> Binary(string fieldName, string value, bool armored)
    {
        if (!armored)
        {
            return Base64(fieldName, value);
        }

        try
        {
            return Armor.Decode(value);
        }
        catch (OpenPgpException e)
        {
            return Parsed<byte[]>.Invalid(fieldName, $"not valid ascii-armor: {e.Message}");
        }
    }

    /// <summary>A key sent as ASCII armor or as base64 of the binary packets: armor is recognised by its header.</summary>
    public static Parsed<byte[]> KeyMaterial(string fieldName, string value)
    {
        if (value.Contains("-----BEGIN PGP", StringComparison.Ordinal))
        {
            return System.Text.Encoding.UTF8.GetBytes(value);
        }

        var bytes = Base64(fieldName, value);
        return bytes.Failed
            ? Parsed<byte[]>.Invalid(fieldName, "must be an ascii-armored key or base64 of a binary key; " + bytes.Problem.Detail)
            : bytes;
    }

    /// <summary>The lifetime a field gives a key or signature: none for 0, at most OpenPGP's 32-bit count of seconds.</summary>
    public static Parsed<TimeSpan?> Lifetime(string fieldName, TimeSpan value) => value.TotalSeconds switch
    {
        0 => Parsed<TimeSpan?>.Ok(null),
        > uint.MaxValue => Parsed<TimeSpan?>.Invalid(
            fieldName, $"{value.TotalSeconds} seconds is too long; OpenPGP allows at most {uint.MaxValue} seconds (about 136 years), or 0 for never"),
        < 0 => Parsed<TimeSpan?>.Invalid(fieldName, $"must be 0 (never) or a positive number of seconds, not {value.TotalSeconds}"),
        _ => value,
    };

    private const string Base64Rules = "standard base64 with = padding is required; only line breaks may be inserted";

    private static readonly SearchValues<char> Base64CharactersAndLineBreaks =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\r\n");
}
