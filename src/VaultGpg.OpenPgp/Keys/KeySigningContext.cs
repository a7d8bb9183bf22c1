using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// The primary key's unlocked secret part, for the signatures only a primary key makes about keys (revocations,
/// certifications of user IDs), with the hashed subpackets gpg puts on them: creation time and issuer fingerprint.
/// </summary>
internal sealed class KeySigningContext
{
    private KeySigningContext(PgpPublicKey primary, PgpPrivateKey privateKey, DateTime created)
    {
        Primary = primary;
        PrivateKey = privateKey;
        Created = created;
    }

    public PgpPublicKey Primary { get; }

    public PgpPrivateKey PrivateKey { get; }

    /// <summary>The signature's creation time, whole seconds.</summary>
    public DateTime Created { get; }

    /// <summary>The primary key of <paramref name="key"/> ready to sign at <paramref name="now"/>.</summary>
    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.InvalidInput"/> for a verify-only key or an
    /// offline primary key (its secret part is a stub).</exception>
    public static KeySigningContext Of(OpenPgpKey key, DateTimeOffset now, string what)
    {
        ArgumentNullException.ThrowIfNull(key);
        var ring = key.SecretRing
            ?? throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"the key is verify-only: {what} needs the secret primary key");
        var secret = ring.GetSecretKey();
        if (SecretKeyUnlocker.IsStub(secret))
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"the primary key's secret part is not present (an offline primary key): {what} needs it");
        }

        // Our stored secret keys are unprotected (Vault's barrier encrypts storage).
        var created = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()).UtcDateTime;
        return new KeySigningContext(secret.PublicKey, secret.ExtractPrivateKeyRaw([]), created);
    }

    /// <summary>Creation time and issuer fingerprint, hashed; callers add what their signature type needs.</summary>
    public PgpSignatureSubpacketGenerator HashedSubpackets()
    {
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, Created);
        hashed.SetIssuerFingerprint(false, Primary);
        return hashed;
    }

    /// <summary>A generator for <paramref name="signatureType"/> with <paramref name="hashed"/>, SHA-512, issuer key ID unhashed.</summary>
    public PgpSignatureGenerator Generator(int signatureType, PgpSignatureSubpacketGenerator hashed)
    {
        var generator = new PgpSignatureGenerator(Primary.Algorithm, HashAlgorithmTag.Sha512);
        generator.InitSign(signatureType, PrivateKey);
        generator.SetHashedSubpackets(hashed.Generate());
        var unhashed = new PgpSignatureSubpacketGenerator();
        unhashed.SetIssuerKeyID(false, Primary.KeyId);
        generator.SetUnhashedSubpackets(unhashed.Generate());
        return generator;
    }
}
