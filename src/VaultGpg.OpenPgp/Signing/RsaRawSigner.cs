using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// RSA PKCS#1 v1.5 signing on .NET's RSA, which is OpenSSL on Linux: several times faster than BouncyCastle's RSA at
/// every key size (figures: tests/VaultGpg.Benchmarks/RESULTS.md, "Raw RSA PKCS#1 v1.5 signing step"). .NET does not promise that one RSA instance may sign on several
/// threads at once, so each thread borrows an instance from a small per-key pool (no locks; the pool grows to the
/// highest concurrency seen). .NET has no PKCS#1 SHA-224, so that rare case signs with BouncyCastle.
/// </summary>
internal sealed class RsaRawSigner : IRawSigner
{
    private readonly RsaPrivateCrtKeyParameters _key;
    private readonly ConcurrentBag<RSA> _pool = [];

    public RsaRawSigner(RsaPrivateCrtKeyParameters key)
    {
        _key = key;
    }

    public byte[] SignDigest(HashAlgorithm hash, ReadOnlySpan<byte> digest)
    {
        byte[] signature;
        if (hash == HashAlgorithm.Sha224)
        {
            var encoding = new Pkcs1Encoding(new RsaBlindedEngine());
            encoding.Init(true, _key);
            var digestInfo = DigestInfo.Encode(hash, digest);
            signature = encoding.ProcessBlock(digestInfo, 0, digestInfo.Length);
        }
        else
        {
            var rsa = _pool.TryTake(out var pooled) ? pooled : CreateRsa();
            try
            {
                signature = rsa.SignHash(digest.ToArray(), DotNetName(hash), RSASignaturePadding.Pkcs1);
            }
            finally
            {
                _pool.Add(rsa);
            }
        }

        var mpi = new List<byte>(signature.Length + 2);
        Mpi.Write(signature, mpi);
        return [.. mpi];
    }

    private static HashAlgorithmName DotNetName(HashAlgorithm hash) => hash switch
    {
        HashAlgorithm.Sha256 => HashAlgorithmName.SHA256,
        HashAlgorithm.Sha384 => HashAlgorithmName.SHA384,
        HashAlgorithm.Sha512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(hash)),
    };

    private RSA CreateRsa()
    {
        var modulusLength = (_key.Modulus.BitLength + 7) / 8;
        var halfLength = (modulusLength + 1) / 2;
        var parameters = new RSAParameters
        {
            Modulus = Unsigned(_key.Modulus, modulusLength),
            Exponent = _key.PublicExponent.ToByteArrayUnsigned(),
            D = Unsigned(_key.Exponent, modulusLength),
            P = Unsigned(_key.P, halfLength),
            Q = Unsigned(_key.Q, halfLength),
            DP = Unsigned(_key.DP, halfLength),
            DQ = Unsigned(_key.DQ, halfLength),
            InverseQ = Unsigned(_key.QInv, halfLength),
        };
        try
        {
            return RSA.Create(parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
            CryptographicOperations.ZeroMemory(parameters.P);
            CryptographicOperations.ZeroMemory(parameters.Q);
            CryptographicOperations.ZeroMemory(parameters.DP);
            CryptographicOperations.ZeroMemory(parameters.DQ);
            CryptographicOperations.ZeroMemory(parameters.InverseQ);
        }
    }

    private static byte[] Unsigned(Org.BouncyCastle.Math.BigInteger value, int length) =>
        Mpi.PadLeft(value.ToByteArrayUnsigned(), length);
}
