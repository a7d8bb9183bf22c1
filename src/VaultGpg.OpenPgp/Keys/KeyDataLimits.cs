using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Bounds on key input, so that hostile input costs bounded memory and time. <see cref="RequireWithinLimits"/> reads
/// only packet fields (sizes, counts, S2K parameters) and runs on every ring of imported data as it is parsed, before
/// any big-number work: BouncyCastle's RSA modulus test, signature checks and S2K all come later. Refusals are
/// <see cref="OpenPgpErrorKind.LimitExceeded"/> with a message that names the limit.
/// </summary>
internal static class KeyDataLimits
{
    /// <summary>
    /// 4 MiB: a secret key with a handful of user IDs and subkeys is a few KiB; public keys carrying thousands of
    /// third-party certifications reach a few hundred KiB. Anything larger is refused before parsing.
    /// </summary>
    public const int MaxKeyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Key blocks in one input: one key, or the same key as public and secret block (both exports concatenated).
    /// Parsing stops at the next one.
    /// </summary>
    public const int MaxKeyBlocks = 2;

    /// <summary>
    /// 8192 bits for an RSA modulus or a DSA/ElGamal prime: the largest RSA key gpg generates (with
    /// <c>--enable-large-rsa</c>; 4096 without). Larger keys exist only as curiosities, and their cost grows with the
    /// cube of the size: BouncyCastle's composite test of one 16384-bit modulus takes seconds, and it ran on every key
    /// of a <c>signer_key</c> before anything else. A verify-only import is refused the same way: it is checked with
    /// the same arithmetic.
    /// </summary>
    public const int MaxKeyBits = 8192;

    /// <summary>
    /// 32 bits for an RSA public exponent (gpg writes 65537; the Go OpenPGP packages refuse more than 24 bits). A
    /// signature check costs one squaring per exponent bit, so a modulus-sized exponent makes each check thousands
    /// of times dearer.
    /// </summary>
    public const int MaxRsaExponentBits = 32;

    /// <summary>64 subkeys: keys that rotate their subkeys yearly carry a dozen or two.</summary>
    public const int MaxSubkeys = 64;

    /// <summary>
    /// The self-signature checks of one key, in units of one RSA-2048 check: a signature by an RSA, DSA or ElGamal
    /// key costs (bits/2048)² units, an elliptic-curve one 1. 1024 units are a thousand self-signatures of an
    /// RSA-2048 or Ed25519 key, or 64 of an RSA-8192 key; third-party certifications are never checked and do not
    /// count.
    /// </summary>
    public const int MaxSignatureWork = 1024;

    /// <summary>
    /// The full-size modular exponentiations of one import: BouncyCastle's composite test of each RSA modulus, and the
    /// check of an ElGamal secret key against its public key (its exponent may be as long as the prime). In units of
    /// one at 1024 bits: b bits cost (b/1024)³ units. 1024 units are two RSA-8192 keys (primary and subkey), sixteen
    /// RSA-4096 or 128 RSA-2048 keys.
    /// </summary>
    public const int MaxModulusWork = 1024;

    /// <summary>
    /// The S2K work of one request: the iteration counts (bytes hashed) of every passphrase-protected secret key,
    /// summed. 8 times gpg's maximum count (65011712, which gpg's calibration picks on fast machines): a primary key
    /// with seven subkeys all protected at the maximum, half a gigabyte of SHA-256 (a second or two without SHA
    /// instructions).
    /// </summary>
    public const long MaxS2kBytes = 8L * 65_011_712;

    /// <summary>Refuses a ring that exceeds any of the limits above, from its packet fields alone.</summary>
    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.LimitExceeded"/>, naming the limit.</exception>
    public static void RequireWithinLimits(PgpKeyRing ring)
    {
        var keys = KeyRingParser.PublicKeysOf(ring).ToList();
        if (keys.Count - 1 > MaxSubkeys)
        {
            throw Exceeded($"the key has {keys.Count - 1} subkeys; at most {MaxSubkeys} are accepted");
        }

        long modulusWork = 0;
        foreach (var key in keys)
        {
            var (bits, exponentBits) = Size(key);
            if (bits > MaxKeyBits)
            {
                throw Exceeded($"key {KeyFacts.KeyId(key)} has {bits} bits; at most {MaxKeyBits} are accepted");
            }

            if (exponentBits > MaxRsaExponentBits)
            {
                throw Exceeded($"key {KeyFacts.KeyId(key)} has a {exponentBits}-bit RSA public exponent; at most {MaxRsaExponentBits} bits are accepted");
            }

            if (exponentBits > 0 || key.Algorithm is PublicKeyAlgorithmTag.ElGamalEncrypt or PublicKeyAlgorithmTag.ElGamalGeneral)
            {
                modulusWork += Cube(bits, 1024);
            }
        }

        if (modulusWork > MaxModulusWork)
        {
            throw Exceeded($"the key's RSA moduli are too large to check together ({modulusWork} units of work; at most {MaxModulusWork}, e.g. two RSA-8192 keys)");
        }

        var signatureWork = SignatureWork(keys);
        if (signatureWork > MaxSignatureWork)
        {
            throw Exceeded($"the key has too many self-signatures to check ({signatureWork} units of work; at most {MaxSignatureWork}, e.g. 1024 RSA-2048 or 64 RSA-8192 self-signatures)");
        }

        if (ring is PgpSecretKeyRing secret && S2kBytes(secret) is var s2k && s2k > MaxS2kBytes)
        {
            throw Exceeded($"the key's passphrase protection needs {s2k} bytes of S2K hashing; at most {MaxS2kBytes} (8 keys at gpg's maximum count) are accepted");
        }
    }

    /// <summary>Bits of the modulus or prime, and of the RSA public exponent (0 for other algorithms).</summary>
    private static (int Bits, int ExponentBits) Size(PgpPublicKey key) => key.PublicKeyPacket.Key switch
    {
        RsaPublicBcpgKey rsa => (rsa.Modulus.BitLength, rsa.PublicExponent.BitLength),
        DsaPublicBcpgKey dsa => (dsa.P.BitLength, 0),
        ElGamalPublicBcpgKey elGamal => (elGamal.P.BitLength, 0),
        _ => (0, 0),
    };

    /// <summary>Every signature the loader may check: those on the primary and the subkeys that claim the primary
    /// (or no one) as issuer, each binding also for its back-signature by the subkey.</summary>
    private static long SignatureWork(List<PgpPublicKey> keys)
    {
        var primary = keys[0];
        var primaryCost = CheckCost(primary);
        long work = primary.GetSignatures().Count(s => SelfSignatures.MayBeFrom(s, primary)) * primaryCost;
        foreach (var subkey in keys.Skip(1))
        {
            work += subkey.GetSignatures().Count(s => SelfSignatures.MayBeFrom(s, primary)) * (primaryCost + CheckCost(subkey));
        }

        return work;
    }

    private static long CheckCost(PgpPublicKey key) => Math.Max(1, Square(Size(key).Bits, 2048));

    private static long S2kBytes(PgpSecretKeyRing ring) =>
        ring.GetSecretKeys()
            .Where(k => !SecretKeyUnlocker.IsStub(k) && k.S2kUsage != SecretKeyPacket.UsageNone && k.S2k is { Type: S2k.SaltedAndIterated })
            .Sum(k => k.S2k.IterationCount);

    private static long Square(int bits, int unit) => (long)Math.Ceiling(Math.Pow((double)bits / unit, 2));

    private static long Cube(int bits, int unit) => (long)Math.Ceiling(Math.Pow((double)bits / unit, 3));

    private static OpenPgpException Exceeded(string message) => new(OpenPgpErrorKind.LimitExceeded, message);
}
