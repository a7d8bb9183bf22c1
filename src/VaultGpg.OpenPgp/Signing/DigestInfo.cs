using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X509;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>The DER DigestInfo that PKCS#1 v1.5 signatures wrap around the digest (RFC 8017 §9.2).</summary>
internal static class DigestInfo
{
    public static byte[] Encode(HashAlgorithm hash, ReadOnlySpan<byte> digest)
    {
        var oid = hash switch
        {
            HashAlgorithm.Sha224 => NistObjectIdentifiers.IdSha224,
            HashAlgorithm.Sha256 => NistObjectIdentifiers.IdSha256,
            HashAlgorithm.Sha384 => NistObjectIdentifiers.IdSha384,
            HashAlgorithm.Sha512 => NistObjectIdentifiers.IdSha512,
            _ => throw new ArgumentOutOfRangeException(nameof(hash)),
        };
        return new Org.BouncyCastle.Asn1.X509.DigestInfo(new AlgorithmIdentifier(oid, DerNull.Instance), digest.ToArray())
            .GetEncoded(Asn1Encodable.Der);
    }
}
