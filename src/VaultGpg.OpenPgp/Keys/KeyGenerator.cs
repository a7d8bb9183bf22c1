using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Generates v4 keys shaped like <c>gpg --quick-gen-key</c> makes them: a certify+sign primary key with a positive
/// self-certification carrying preferences, and an encryption subkey bound to it, both with the same optional expiry.
/// </summary>
public sealed class KeyGenerator
{
    private static readonly int[] PreferredSymmetric =
    [
        (int)SymmetricKeyAlgorithmTag.Aes256,
        (int)SymmetricKeyAlgorithmTag.Aes192,
        (int)SymmetricKeyAlgorithmTag.Aes128,
    ];

    private static readonly int[] PreferredHashes =
    [
        (int)HashAlgorithmTag.Sha512,
        (int)HashAlgorithmTag.Sha384,
        (int)HashAlgorithmTag.Sha256,
        (int)HashAlgorithmTag.Sha224,
    ];

    private static readonly int[] PreferredCompression =
    [
        (int)CompressionAlgorithmTag.ZLib,
        (int)CompressionAlgorithmTag.BZip2,
        (int)CompressionAlgorithmTag.Zip,
    ];

    private const int CertifyAndSign = 0x01 | 0x02;
    private const int EncryptCommunicationsAndStorage = 0x04 | 0x08;

    private readonly TimeProvider _timeProvider;

    public KeyGenerator(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Generates a key. RSA-4096 takes about a second; the others milliseconds.</summary>
    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.InvalidInput"/> for a bad user ID part, RSA size or expiry.</exception>
    public OpenPgpKey Generate(KeyGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var userId = UserIdFormat.Build(options.RealName, options.Comment, options.Email);
        var expirySeconds = ExpirySeconds(options.ExpiresAfter);
        if (options.Type == KeyType.Rsa && options.RsaBits is not (2048 or 3072 or 4096))
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"key_bits {options.RsaBits} is not valid for rsa; must be 2048, 3072 or 4096");
        }

        // OpenPGP timestamps have one-second resolution; the signatures must not predate the key.
        var now = _timeProvider.GetUtcNow();
        var created = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()).UtcDateTime;
        var random = new SecureRandom();

        var (primary, subkey) = options.Type switch
        {
            KeyType.Rsa => RsaPairs(options.RsaBits, created),
            KeyType.Ed25519 => (Ed25519Pair(random, created), X25519Pair(created)),
            KeyType.EcdsaP256 => (EcdsaPair(SecObjectIdentifiers.SecP256r1, random, created),
                EcdhPair(SecObjectIdentifiers.SecP256r1, HashAlgorithmTag.Sha256, SymmetricKeyAlgorithmTag.Aes128, random, created)),
            KeyType.EcdsaP384 => (EcdsaPair(SecObjectIdentifiers.SecP384r1, random, created),
                EcdhPair(SecObjectIdentifiers.SecP384r1, HashAlgorithmTag.Sha384, SymmetricKeyAlgorithmTag.Aes256, random, created)),
            _ => throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"unsupported key type {options.Type}"),
        };

        var generator = new PgpKeyRingGenerator(
            PgpSignature.PositiveCertification,
            primary,
            userId,
            SymmetricKeyAlgorithmTag.Null,
            HashAlgorithmTag.Sha512,
            rawPassPhrase: Array.Empty<byte>(),
            useSha1: false,
            PrimarySubpackets(primary.PublicKey, created, expirySeconds),
            null,
            random);
        generator.AddSubKey(subkey, SubkeySubpackets(primary.PublicKey, created, expirySeconds), null, HashAlgorithmTag.Sha512);

        // Round-trip through the encoding so the ring is exactly what storage will hold (subkey packets and all).
        var ring = new PgpSecretKeyRing(generator.GenerateSecretKeyRing().GetEncoded());
        return KeyLoader.Load(ring, passphrase: null, isImport: false, _timeProvider);
    }

    private static PgpSignatureSubpacketVector PrimarySubpackets(PgpPublicKey primary, DateTime created, long? expirySeconds)
    {
        var subpackets = CommonSubpackets(primary, created, expirySeconds, CertifyAndSign);
        subpackets.SetPreferredSymmetricAlgorithms(false, PreferredSymmetric);
        subpackets.SetPreferredHashAlgorithms(false, PreferredHashes);
        subpackets.SetPreferredCompressionAlgorithms(false, PreferredCompression);
        subpackets.SetFeature(false, Org.BouncyCastle.Bcpg.Sig.Features.FEATURE_MODIFICATION_DETECTION);
        subpackets.SetPrimaryUserId(false, true);
        return subpackets.Generate();
    }

    private static PgpSignatureSubpacketVector SubkeySubpackets(PgpPublicKey primary, DateTime created, long? expirySeconds) =>
        CommonSubpackets(primary, created, expirySeconds, EncryptCommunicationsAndStorage).Generate();

    internal static PgpSignatureSubpacketGenerator CommonSubpackets(PgpPublicKey primary, DateTime created, long? expirySeconds, int keyFlags)
    {
        var subpackets = new PgpSignatureSubpacketGenerator();
        subpackets.SetSignatureCreationTime(false, created);
        subpackets.SetIssuerFingerprint(false, primary);
        subpackets.SetKeyFlags(false, keyFlags);
        if (expirySeconds is { } seconds)
        {
            subpackets.SetKeyExpirationTime(false, seconds);
        }

        return subpackets;
    }

    internal static long? ExpirySeconds(TimeSpan? expiresAfter)
    {
        if (expiresAfter is not { } lifetime)
        {
            return null;
        }

        // The subpacket holds an unsigned 32-bit count of seconds; zero would mean "never".
        var seconds = (long)Math.Ceiling(lifetime.TotalSeconds);
        if (seconds < 1 || seconds > uint.MaxValue)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "expiry must be between 1 second and about 136 years");
        }

        return seconds;
    }

    /// <summary>Primary and subkey at once: RSA prime search dominates generation time (seconds at 4096 bits).</summary>
    private static (PgpKeyPair Primary, PgpKeyPair Subkey) RsaPairs(int bits, DateTime created)
    {
        PgpKeyPair? primary = null, subkey = null;
        Parallel.Invoke(() => primary = RsaPair(bits, created), () => subkey = RsaPair(bits, created));
        return (primary!, subkey!);
    }

    /// <summary>
    /// RSA key generation through the platform (OpenSSL on Linux), which is several times faster than BouncyCastle's
    /// managed prime search, then handed to BouncyCastle as CRT parameters.
    /// </summary>
    internal static PgpKeyPair RsaPair(int bits, DateTime created)
    {
        using var rsa = RSA.Create(bits);
        var p = rsa.ExportParameters(includePrivateParameters: true);
        try
        {
            var n = Positive(p.Modulus!);
            var e = Positive(p.Exponent!);
            var publicKey = new RsaKeyParameters(false, n, e);
            var privateKey = new RsaPrivateCrtKeyParameters(
                n, e, Positive(p.D!), Positive(p.P!), Positive(p.Q!), Positive(p.DP!), Positive(p.DQ!), Positive(p.InverseQ!));
            return new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, new AsymmetricCipherKeyPair(publicKey, privateKey), created);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(p.D);
            CryptographicOperations.ZeroMemory(p.P);
            CryptographicOperations.ZeroMemory(p.Q);
            CryptographicOperations.ZeroMemory(p.DP);
            CryptographicOperations.ZeroMemory(p.DQ);
            CryptographicOperations.ZeroMemory(p.InverseQ);
        }
    }

    internal static PgpKeyPair Ed25519Pair(SecureRandom random, DateTime created)
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(random));
        return new PgpKeyPair(PublicKeyAlgorithmTag.EdDsa_Legacy, generator.GenerateKeyPair(), created);
    }

    /// <summary>
    /// Curve25519 ECDH subkey. The scalar is clamped up front, as GnuPG stores it, so its big-endian MPI always has
    /// 255 bits and other implementations that expect a clamped secret accept it.
    /// </summary>
    internal static PgpKeyPair X25519Pair(DateTime created)
    {
        var scalar = RandomNumberGenerator.GetBytes(X25519PrivateKeyParameters.KeySize);
        try
        {
            scalar[0] &= 248;
            scalar[31] &= 127;
            scalar[31] |= 64;
            var privateKey = new X25519PrivateKeyParameters(scalar);
            return new PgpKeyPair(
                PublicKeyAlgorithmTag.ECDH,
                new AsymmetricCipherKeyPair(privateKey.GeneratePublicKey(), privateKey),
                created);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    internal static PgpKeyPair EcdsaPair(DerObjectIdentifier curve, SecureRandom random, DateTime created)
    {
        var pair = GenerateEc("ECDSA", curve, random);
        return new PgpKeyPair(PublicKeyAlgorithmTag.ECDsa, pair, created);
    }

    /// <summary>ECDH subkey with explicit KDF parameters (BouncyCastle would always pick SHA-256/AES-128).</summary>
    internal static PgpKeyPair EcdhPair(
        DerObjectIdentifier curve, HashAlgorithmTag kdfHash, SymmetricKeyAlgorithmTag kdfWrap, SecureRandom random, DateTime created)
    {
        var pair = GenerateEc("ECDH", curve, random);
        var ecPublic = (ECPublicKeyParameters)pair.Public;
        var packet = new PublicKeyPacket(
            PublicKeyPacket.Version4, PublicKeyAlgorithmTag.ECDH, created, new ECDHPublicBcpgKey(curve, ecPublic.Q, kdfHash, kdfWrap));
        var publicKey = new PgpPublicKey(packet);
        return new PgpKeyPair(publicKey, new PgpPrivateKey(publicKey.KeyId, packet, pair.Private));
    }

    private static AsymmetricCipherKeyPair GenerateEc(string algorithm, DerObjectIdentifier curve, SecureRandom random)
    {
        var generator = new ECKeyPairGenerator(algorithm);
        generator.Init(new ECKeyGenerationParameters(curve, random));
        return generator.GenerateKeyPair();
    }

    private static BcBigInteger Positive(byte[] bigEndian) => new(1, bigEndian);
}
