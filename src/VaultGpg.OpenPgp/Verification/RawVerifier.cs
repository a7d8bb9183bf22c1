using System.Security.Cryptography;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC.Rfc8032;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Verification;

/// <summary>
/// The public-key half of verification: does <c>signatureData</c> (the MPIs at the end of a signature packet) sign
/// <c>digest</c> under <c>publicKey</c>? Public-key operations are cheap, so BouncyCastle does them all; only
/// well-formedness of the MPIs is an error, a wrong value is just "false".
/// </summary>
internal static class RawVerifier
{
    public static bool Verify(PgpPublicKey publicKey, byte algorithm, HashAlgorithm hash, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signatureData)
    {
        if ((byte)publicKey.Algorithm != algorithm)
        {
            return false;
        }

        // Verification keys always come out of an OpenPgpKey, whose RSA moduli were fully checked once at load; the
        // plain GetKey() would rerun BouncyCastle's Miller-Rabin test on every verification, which costs far more than
        // the verification itself (tests/VaultGpg.Benchmarks/RESULTS.md, "BouncyCastle's RSA modulus test").
        var key = TrustedRsaModulusScope.GetTrustedKey(publicKey);
        switch (algorithm)
        {
            case PublicKeyAlgorithmId.RsaGeneral or PublicKeyAlgorithmId.RsaSignOnly when key is RsaKeyParameters rsa:
                return VerifyRsa(rsa, hash, digest, ReadMpis(signatureData, 1)[0]);
            case PublicKeyAlgorithmId.Ecdsa when key is ECPublicKeyParameters ec:
                var rs = ReadMpis(signatureData, 2);
                var signer = new ECDsaSigner();
                signer.Init(false, ec);
                return signer.VerifySignature(digest.ToArray(), new Org.BouncyCastle.Math.BigInteger(1, rs[0]), new Org.BouncyCastle.Math.BigInteger(1, rs[1]));
            case PublicKeyAlgorithmId.EdDsaLegacy when key is Ed25519PublicKeyParameters ed:
                var parts = ReadMpis(signatureData, 2);
                var signature = new byte[64];
                Mpi.PadLeft(parts[0], 32).CopyTo(signature, 0);
                Mpi.PadLeft(parts[1], 32).CopyTo(signature, 32);
                return ed.Verify(Ed25519.Algorithm.Ed25519, null, digest.ToArray(), 0, digest.Length, signature, 0);
            default:
                throw new OpenPgpException(OpenPgpErrorKind.Unsupported, $"verifying public-key algorithm {algorithm} signatures is not supported");
        }
    }

    /// <summary>
    /// The shortest digest an ECDSA key accepts, as GnuPG's encode_md_value requires (the curve's order size, at most
    /// 512 bits for P-521); null for other algorithms.
    /// </summary>
    public static int? MinimumDigestBytes(PgpPublicKey publicKey)
    {
        if (publicKey.Algorithm != Org.BouncyCastle.Bcpg.PublicKeyAlgorithmTag.ECDsa)
        {
            return null;
        }

        var bits = TrustedRsaModulusScope.GetTrustedKey(publicKey) is ECPublicKeyParameters ec ? ec.Parameters.N.BitLength : 0;
        return Math.Min(bits, 512) / 8;
    }

    private static bool VerifyRsa(RsaKeyParameters key, HashAlgorithm hash, ReadOnlySpan<byte> digest, byte[] signature)
    {
        var encoding = new Pkcs1Encoding(new RsaEngine());
        encoding.Init(false, key);
        byte[] recovered;
        try
        {
            recovered = encoding.ProcessBlock(signature, 0, signature.Length);
        }
        catch (Exception ex) when (ex is InvalidCipherTextException or DataLengthException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(recovered, DigestInfo.Encode(hash, digest));
    }

    private static byte[][] ReadMpis(ReadOnlySpan<byte> data, int count)
    {
        var mpis = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            mpis[i] = Mpi.Read(data, out var consumed);
            data = data[consumed..];
        }

        return data.IsEmpty
            ? mpis
            : throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "signature packet has trailing data");
    }
}
