using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// Parsing shared by several paths: hash algorithm names, output formats, base64 and armored inputs. Each returns the
/// value or a 400 that names the field and quotes the bad value, so handlers never repeat these switches.
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

    /// <summary>Decodes standard base64 (padding optional, whitespace ignored).</summary>
    public static Parsed<byte[]> Base64(string fieldName, string value)
    {
        var trimmed = RemoveWhitespace(value);
        var padded = (trimmed.Length % 4) switch
        {
            2 => trimmed + "==",
            3 => trimmed + "=",
            _ => trimmed,
        };
        var buffer = new byte[padded.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(padded, buffer, out var written)
            ? buffer[..written]
            : Parsed<byte[]>.Invalid($"{fieldName} is not valid base64");
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
            return Parsed<byte[]>.Invalid($"{fieldName} is not valid ascii-armor: {e.Message}");
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
            ? Parsed<byte[]>.Invalid($"{fieldName} must be an ascii-armored key or base64 of a binary key")
            : bytes;
    }

    private static string RemoveWhitespace(string value) =>
        value.AsSpan().ContainsAny(" \t\r\n") ? string.Concat(value.Where(c => !char.IsWhiteSpace(c))) : value;
}
