using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Parameters;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// Everything a signature needs from the signing key: its algorithm, fingerprint and key ID for the subpackets, and
/// the raw signing operation. Created once per loaded key and shared by all threads.
/// </summary>
internal sealed class KeySigner
{
    private readonly IRawSigner _raw;

    private KeySigner(byte algorithm, byte[] fingerprint, ulong keyId, int minimumDigestSize, IRawSigner raw)
    {
        Algorithm = algorithm;
        MinimumDigestSize = minimumDigestSize;
        Fingerprint = fingerprint;
        KeyId = keyId;
        _raw = raw;
    }

    public byte Algorithm { get; }

    /// <summary>The v4 fingerprint (20 bytes) of the key that signs, a subkey if a subkey signs.</summary>
    public byte[] Fingerprint { get; }

    public ulong KeyId { get; }

    /// <summary>Shortest digest (bytes) GnuPG would use with this key: the curve size for ECDSA (capped at
    /// SHA-512), 256 bits for EdDSA, no minimum for RSA.</summary>
    public int MinimumDigestSize { get; }

    public static KeySigner Create(PgpPublicKey publicKey, PgpPrivateKey privateKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (publicKey.Version != 4)
        {
            throw new OpenPgpException(OpenPgpErrorKind.Unsupported, $"signing with a version {publicKey.Version} key is not supported");
        }

        IRawSigner raw = privateKey.Key switch
        {
            RsaPrivateCrtKeyParameters rsa => new RsaRawSigner(rsa),
            ECPrivateKeyParameters ec when publicKey.GetKey() is ECPublicKeyParameters ecPublic => new EcdsaRawSigner(ec, ecPublic),
            Ed25519PrivateKeyParameters ed => new Ed25519RawSigner(ed),
            _ => throw new OpenPgpException(OpenPgpErrorKind.Unsupported, $"signing with public-key algorithm {(int)publicKey.Algorithm} is not supported"),
        };
        var algorithm = (byte)publicKey.Algorithm;
        if (algorithm is not (PublicKeyAlgorithmId.RsaGeneral or PublicKeyAlgorithmId.RsaSignOnly or PublicKeyAlgorithmId.Ecdsa or PublicKeyAlgorithmId.EdDsaLegacy))
        {
            throw new OpenPgpException(OpenPgpErrorKind.CannotSign, $"public-key algorithm {algorithm} cannot make signatures");
        }

        var minimumDigestSize = privateKey.Key switch
        {
            ECPrivateKeyParameters ec => Math.Min((ec.Parameters.Curve.FieldSize + 7) / 8, 64),
            Ed25519PrivateKeyParameters => 32,
            _ => 0,
        };
        return new KeySigner(algorithm, publicKey.GetFingerprint(), (ulong)publicKey.KeyId, minimumDigestSize, raw);
    }

    public byte[] SignDigest(HashAlgorithm hash, ReadOnlySpan<byte> digest) => _raw.SignDigest(hash, digest);
}
