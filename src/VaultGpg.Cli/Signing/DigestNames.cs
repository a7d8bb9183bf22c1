using System.Globalization;
using VaultGpg.Cli.Hosting;
using VaultGpg.OpenPgp;

namespace VaultGpg.Cli.Signing;

/// <summary>Hash algorithm names as gpg (<c>--digest-algo</c>), rpm (<c>%_gpg_digest_algo</c>, ids) and Vault spell them.</summary>
internal static class DigestNames
{
    public const HashAlgorithm Default = HashAlgorithm.Sha256;

    /// <summary>
    /// Parses SHA256, sha-256, sha2-256, H8 or the RFC 4880 id 8 (any case). MD5, SHA1 and RIPEMD160 are refused
    /// by name: Vault signs with SHA-2 only.
    /// </summary>
    public static HashAlgorithm Parse(string value, string optionName)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = value.Trim().ToUpperInvariant().Replace("SHA2-", "SHA", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (name.StartsWith('H'))
        {
            name = name[1..];
        }

        return name switch
        {
            "SHA224" or "11" => HashAlgorithm.Sha224,
            "SHA256" or "8" => HashAlgorithm.Sha256,
            "SHA384" or "9" => HashAlgorithm.Sha384,
            "SHA512" or "10" => HashAlgorithm.Sha512,
            "MD5" or "1" or "SHA1" or "2" or "RIPEMD160" or "3" =>
                throw new UsageException($"{optionName} {value}: not supported, Vault signs with SHA-2 only (SHA224, SHA256, SHA384, SHA512)"),
            _ => throw new UsageException($"{optionName} {value}: unknown digest algorithm (use SHA224, SHA256, SHA384 or SHA512)"),
        };
    }

    /// <summary>The engine's name: sha2-256 and so on.</summary>
    public static string ToVault(HashAlgorithm algorithm) => algorithm switch
    {
        HashAlgorithm.Sha224 => "sha2-224",
        HashAlgorithm.Sha256 => "sha2-256",
        HashAlgorithm.Sha384 => "sha2-384",
        HashAlgorithm.Sha512 => "sha2-512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The RFC 4880 id as a decimal string, which gpg's status lines use.</summary>
    public static string Id(HashAlgorithm algorithm) => ((int)algorithm).ToString(CultureInfo.InvariantCulture);
}
