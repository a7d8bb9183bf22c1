using System.Collections.Immutable;
using System.Numerics;

namespace VaultGpg.OpenPgp.Hashing;

/// <summary>
/// Round constants and initial values of SHA-2, derived at start-up from their definitions in FIPS 180-4
/// (§4.2.2, §4.2.3, §5.3): fractional parts of cube and square roots of the first primes. Deriving them rather than
/// typing 176 hex literals removes the risk of a transcription error; the known-answer tests pin the result.
/// </summary>
internal static class Sha2Constants
{
    /// <summary>SHA-384/512 round constants: first 64 bits of the fractional parts of the cube roots of the first
    /// 80 primes. SHA-224/256 use the first 32 bits of the first 64 of them.</summary>
    public static readonly ImmutableArray<ulong> K512 = RootFractions(3, 0, 80);

    public static readonly ImmutableArray<uint> K256 = [.. K512.Take(64).Select(k => (uint)(k >> 32))];

    /// <summary>SHA-512 initial value: square roots of the first 8 primes.</summary>
    public static readonly ImmutableArray<ulong> Iv512 = RootFractions(2, 0, 8);

    /// <summary>SHA-384 initial value: square roots of the 9th to 16th primes.</summary>
    public static readonly ImmutableArray<ulong> Iv384 = RootFractions(2, 8, 8);

    /// <summary>SHA-256 initial value: the first 32 bits of the SHA-512 one.</summary>
    public static readonly ImmutableArray<ulong> Iv256 = [.. Iv512.Select(v => v >> 32)];

    /// <summary>SHA-224 initial value: the second 32 bits of the SHA-384 one.</summary>
    public static readonly ImmutableArray<ulong> Iv224 = [.. Iv384.Select(v => v & 0xFFFF_FFFFUL)];

    public static ImmutableArray<ulong> InitialValue(HashAlgorithm algorithm) => algorithm switch
    {
        HashAlgorithm.Sha224 => Iv224,
        HashAlgorithm.Sha256 => Iv256,
        HashAlgorithm.Sha384 => Iv384,
        HashAlgorithm.Sha512 => Iv512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static ImmutableArray<ulong> RootFractions(int degree, int firstPrime, int count)
    {
        var primes = Primes(firstPrime + count).Skip(firstPrime);
        // floor(root(p) * 2^64) = floor(root(p * 2^(64*degree))); its low 64 bits are the fraction's first 64 bits.
        return [.. primes.Select(p => (ulong)(IntegerRoot(new BigInteger(p) << (64 * degree), degree) & ulong.MaxValue))];
    }

    private static List<int> Primes(int count)
    {
        var primes = new List<int>(count);
        for (var candidate = 2; primes.Count < count; candidate++)
        {
            if (primes.TrueForAll(p => candidate % p != 0))
            {
                primes.Add(candidate);
            }
        }

        return primes;
    }

    /// <summary>floor(n^(1/k)) by Newton's iteration from above.</summary>
    private static BigInteger IntegerRoot(BigInteger n, int k)
    {
        var x = BigInteger.One << (int)((n.GetBitLength() / k) + 1);
        while (true)
        {
            var next = (((k - 1) * x) + (n / BigInteger.Pow(x, k - 1))) / k;
            if (next >= x)
            {
                return x;
            }

            x = next;
        }
    }
}
