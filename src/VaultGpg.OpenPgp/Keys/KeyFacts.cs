using System.Globalization;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>Names and sizes of keys the way gpg reports them.</summary>
internal static class KeyFacts
{
    private static readonly Dictionary<string, (string Name, int Bits)> Curves = new(StringComparer.Ordinal)
    {
        ["1.3.6.1.4.1.11591.15.1"] = ("ed25519", 255),
        ["1.3.101.112"] = ("ed25519", 255),
        ["1.3.6.1.4.1.3029.1.5.1"] = ("cv25519", 255),
        ["1.3.101.110"] = ("cv25519", 255),
        ["1.3.101.113"] = ("ed448", 448),
        ["1.3.101.111"] = ("cv448", 448),
        ["1.2.840.10045.3.1.7"] = ("nistp256", 256),
        ["1.3.132.0.34"] = ("nistp384", 384),
        ["1.3.132.0.35"] = ("nistp521", 521),
        ["1.3.36.3.3.2.8.1.1.7"] = ("brainpoolP256r1", 256),
        ["1.3.36.3.3.2.8.1.1.11"] = ("brainpoolP384r1", 384),
        ["1.3.36.3.3.2.8.1.1.13"] = ("brainpoolP512r1", 512),
        ["1.3.132.0.10"] = ("secp256k1", 256),
    };

    public static string Fingerprint(PgpPublicKey key) => Convert.ToHexString(key.GetFingerprint());

    public static string KeyId(PgpPublicKey key) => KeyId(key.KeyId);

    public static string KeyId(long keyId) => keyId.ToString("X16", CultureInfo.InvariantCulture);

    public static DateTimeOffset CreatedAt(PgpPublicKey key) => new(DateTime.SpecifyKind(key.CreationTime, DateTimeKind.Utc));

    public static string AlgorithmName(PublicKeyAlgorithmTag algorithm) => algorithm switch
    {
        PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaEncrypt or PublicKeyAlgorithmTag.RsaSign => "RSA",
        PublicKeyAlgorithmTag.Dsa => "DSA",
        PublicKeyAlgorithmTag.ElGamalEncrypt or PublicKeyAlgorithmTag.ElGamalGeneral => "ElGamal",
        PublicKeyAlgorithmTag.ECDH => "ECDH",
        PublicKeyAlgorithmTag.ECDsa => "ECDSA",
        PublicKeyAlgorithmTag.EdDsa_Legacy => "EdDSA",
        _ => "algorithm " + ((int)algorithm).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>GnuPG's curve name for an ECC key, null for RSA/DSA/ElGamal or an unknown curve.</summary>
    public static string? CurveName(PgpPublicKey key) =>
        CurveOid(key) is { } oid && Curves.TryGetValue(oid.Id, out var curve) ? curve.Name : null;

    /// <summary>Bits as gpg prints them: modulus size, or the curve's size (255 for the 25519 curves).</summary>
    public static int Bits(PgpPublicKey key) =>
        CurveOid(key) is { } oid && Curves.TryGetValue(oid.Id, out var curve) ? curve.Bits : key.BitStrength;

    /// <summary>What the algorithm can do at all; used when a self-signature carries no key flags, as gpg does.</summary>
    public static KeyUsage AlgorithmUsage(PublicKeyAlgorithmTag algorithm, bool isPrimary)
    {
        var usage = algorithm switch
        {
            PublicKeyAlgorithmTag.RsaGeneral => KeyUsage.Sign | KeyUsage.Encrypt | KeyUsage.Authenticate,
            PublicKeyAlgorithmTag.RsaSign => KeyUsage.Sign,
            PublicKeyAlgorithmTag.RsaEncrypt or PublicKeyAlgorithmTag.ElGamalEncrypt or PublicKeyAlgorithmTag.ECDH => KeyUsage.Encrypt,
            PublicKeyAlgorithmTag.Dsa or PublicKeyAlgorithmTag.ECDsa or PublicKeyAlgorithmTag.EdDsa_Legacy => KeyUsage.Sign | KeyUsage.Authenticate,
            _ => KeyUsage.None,
        };
        return isPrimary ? usage | KeyUsage.Certify : usage;
    }

    /// <summary>Whether the algorithm can make signatures at all.</summary>
    public static bool CanSignWith(PublicKeyAlgorithmTag algorithm) =>
        (AlgorithmUsage(algorithm, isPrimary: false) & KeyUsage.Sign) != 0;

    /// <summary>Whether the algorithm can decrypt at all.</summary>
    public static bool CanEncryptWith(PublicKeyAlgorithmTag algorithm) =>
        (AlgorithmUsage(algorithm, isPrimary: false) & KeyUsage.Encrypt) != 0;

    /// <summary>Translates RFC 4880 key flags (0x01 certify, 0x02 sign, 0x04/0x08 encrypt, 0x20 authenticate).</summary>
    public static KeyUsage FromKeyFlags(int flags)
    {
        var usage = KeyUsage.None;
        if ((flags & 0x01) != 0)
        {
            usage |= KeyUsage.Certify;
        }

        if ((flags & 0x02) != 0)
        {
            usage |= KeyUsage.Sign;
        }

        if ((flags & 0x0C) != 0)
        {
            usage |= KeyUsage.Encrypt;
        }

        if ((flags & 0x20) != 0)
        {
            usage |= KeyUsage.Authenticate;
        }

        return usage;
    }

    private static DerObjectIdentifier? CurveOid(PgpPublicKey key) => key.PublicKeyPacket.Key switch
    {
        ECPublicBcpgKey ec => ec.CurveOid,
        _ => null,
    };
}
