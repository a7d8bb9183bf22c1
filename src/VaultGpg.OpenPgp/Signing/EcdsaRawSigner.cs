using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>ECDSA on NIST curves with .NET's ECDsa (OpenSSL), pooled per thread like <see cref="RsaRawSigner"/>.
/// The signature is r and s as two MPIs. A digest longer than the curve order is truncated, as FIPS 186 says.</summary>
internal sealed class EcdsaRawSigner : IRawSigner
{
    private readonly ECPrivateKeyParameters _key;
    private readonly ECPublicKeyParameters _publicKey;
    private readonly ConcurrentBag<ECDsa> _pool = [];

    public EcdsaRawSigner(ECPrivateKeyParameters key, ECPublicKeyParameters publicKey)
    {
        _key = key;
        _publicKey = publicKey;
        _ = CurveOid();
    }

    public byte[] SignDigest(HashAlgorithm hash, ReadOnlySpan<byte> digest)
    {
        var ecdsa = _pool.TryTake(out var pooled) ? pooled : CreateEcdsa();
        byte[] signature;
        try
        {
            signature = ecdsa.SignHash(digest.ToArray(), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            _pool.Add(ecdsa);
        }

        var half = signature.Length / 2;
        var mpis = new List<byte>(signature.Length + 4);
        Mpi.Write(signature.AsSpan(0, half), mpis);
        Mpi.Write(signature.AsSpan(half), mpis);
        return [.. mpis];
    }

    private string CurveOid() =>
        _key.PublicKeyParamSet?.Id is { } oid && oid is "1.2.840.10045.3.1.7" or "1.3.132.0.34" or "1.3.132.0.35"
            ? oid
            : throw new OpenPgpException(OpenPgpErrorKind.Unsupported, "ECDSA signing supports the NIST curves P-256, P-384 and P-521 only");

    private ECDsa CreateEcdsa()
    {
        var size = (_key.Parameters.Curve.FieldSize + 7) / 8;
        var q = _publicKey.Q.Normalize();
        var parameters = new ECParameters
        {
            Curve = ECCurve.CreateFromValue(CurveOid()),
            D = Mpi.PadLeft(_key.D.ToByteArrayUnsigned(), size),
            Q = new ECPoint
            {
                X = q.AffineXCoord.GetEncoded(),
                Y = q.AffineYCoord.GetEncoded(),
            },
        };
        try
        {
            return ECDsa.Create(parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }
}
