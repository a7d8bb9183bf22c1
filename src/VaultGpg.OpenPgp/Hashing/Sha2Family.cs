namespace VaultGpg.OpenPgp.Hashing;

/// <summary>Facts about the four SHA-2 functions this library hashes with: sizes and which compression they share.</summary>
internal static class Sha2Family
{
    /// <summary>Largest message FIPS 180-4 allows for SHA-256 (2^64 bits); we hold the SHA-512 family to the same
    /// bound so one 64-bit byte counter serves both and the bit count can never overflow.</summary>
    public const ulong MaxMessageBytes = (1UL << 61) - 1;

    public static bool IsDefined(HashAlgorithm algorithm) =>
        algorithm is HashAlgorithm.Sha224 or HashAlgorithm.Sha256 or HashAlgorithm.Sha384 or HashAlgorithm.Sha512;

    /// <summary>True for SHA-384/512 (64-bit words, 128-byte blocks), false for SHA-224/256.</summary>
    public static bool IsWide(HashAlgorithm algorithm) => algorithm is HashAlgorithm.Sha384 or HashAlgorithm.Sha512;

    public static int BlockSize(HashAlgorithm algorithm) => IsWide(algorithm) ? 128 : 64;

    public static int WordSize(HashAlgorithm algorithm) => IsWide(algorithm) ? 8 : 4;

    public static int DigestSize(HashAlgorithm algorithm) => algorithm switch
    {
        HashAlgorithm.Sha224 => 28,
        HashAlgorithm.Sha256 => 32,
        HashAlgorithm.Sha384 => 48,
        HashAlgorithm.Sha512 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The name GnuPG prints (and the cleartext <c>Hash:</c> header uses).</summary>
    public static string Name(HashAlgorithm algorithm) => algorithm switch
    {
        HashAlgorithm.Sha224 => "SHA224",
        HashAlgorithm.Sha256 => "SHA256",
        HashAlgorithm.Sha384 => "SHA384",
        HashAlgorithm.Sha512 => "SHA512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values outside the enum (casts from integers):
    /// that is a programming error of the caller, never input from the wire.</summary>
    public static HashAlgorithm Require(HashAlgorithm algorithm, string parameterName) =>
        IsDefined(algorithm)
            ? algorithm
            : throw new ArgumentOutOfRangeException(parameterName, algorithm, "hash algorithm must be SHA-224, SHA-256, SHA-384 or SHA-512");
}
