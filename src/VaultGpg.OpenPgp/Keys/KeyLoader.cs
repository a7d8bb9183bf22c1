using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// The one path from a parsed ring to an <see cref="OpenPgpKey"/>, shared by generation, import and the stored form:
/// evaluate self-signatures, unlock secret parts, choose the signing key as GnuPG does, collect decryption keys.
/// </summary>
internal static class KeyLoader
{
    /// <param name="ring">A secret or public key ring.</param>
    /// <param name="passphrase">Unlocks protected secret parts.</param>
    /// <param name="isImport">Import of outside data: check that each private key matches its public key, and drop
    /// unbound user IDs and subkeys as gpg does. Off for our own generated and stored keys.</param>
    /// <param name="timeProvider">The clock validity is judged by.</param>
    public static OpenPgpKey Load(PgpKeyRing ring, string? passphrase, bool isImport, TimeProvider timeProvider)
    {
        if (isImport)
        {
            TrustedRsaModulusScope.ValidateRsaModuli(KeyRingParser.PublicKeysOf(ring));
        }

        using var trusted = TrustedRsaModulusScope.Enter();
        var now = timeProvider.GetUtcNow();
        var (publicRing, verified, evaluation) = Evaluate(ring, now);
        if (isImport && evaluation.HasUnboundParts)
        {
            ring = KeyRingCleaner.Clean(ring, evaluation);
            (publicRing, verified, evaluation) = Evaluate(ring, now);
        }

        var secretRing = ring as PgpSecretKeyRing;

        PgpSecretKeyRing? storedSecretRing = null;
        Dictionary<long, PgpPrivateKey> privateKeys = [];
        if (secretRing is not null)
        {
            (storedSecretRing, var wereProtected) = SecretKeyUnlocker.Unprotect(secretRing, passphrase);
            privateKeys = SecretKeyUnlocker.Unlock(storedSecretRing, wereProtected, checkConsistency: isImport);
        }

        return new OpenPgpKey(publicRing, storedSecretRing, verified, privateKeys, now);
    }

    private static (PgpPublicKeyRing PublicRing, VerifiedSelfSignatures Verified, RingEvaluation Evaluation) Evaluate(PgpKeyRing ring, DateTimeOffset now)
    {
        var publicRing = ring is PgpSecretKeyRing secretRing ? KeyEncoding.PublicRingOf(secretRing) : (PgpPublicKeyRing)ring;
        var verified = VerifiedSelfSignatures.Verify(publicRing);
        return (publicRing, verified, KeyEvaluator.EvaluateAt(verified, now));
    }

    /// <summary>
    /// GnuPG's choice for signing (getkey.c finish_lookup): if the primary key is usable, the newest valid
    /// signing-capable subkey whose secret part is present, else the primary key itself if it may sign.
    /// </summary>
    public static ComponentState? ChooseSigningComponent(RingEvaluation evaluation, Func<long, bool> hasSecret)
    {
        var primary = evaluation.Primary;
        if (!primary.IsValid)
        {
            return null;
        }

        ComponentState? newest = null;
        foreach (var subkey in evaluation.Subkeys)
        {
            if (subkey.IsValid
                && (subkey.Usage & KeyUsage.Sign) != 0
                && hasSecret(subkey.Key.KeyId)
                && (newest is null || subkey.CreatedAt > newest.CreatedAt))
            {
                newest = subkey;
            }
        }

        if (newest is not null)
        {
            return newest;
        }

        return (primary.Usage & KeyUsage.Sign) != 0 && hasSecret(primary.Key.KeyId) ? primary : null;
    }

    /// <summary>Like gpg, decrypt with any bound encryption key that has its secret part, even an expired or revoked one.</summary>
    public static List<DecryptionKey> DecryptionKeysOf(RingEvaluation evaluation, IReadOnlyDictionary<long, PgpPrivateKey> privateKeys) =>
        new[] { evaluation.Primary }.Concat(evaluation.Subkeys)
            .Where(c => c.HasBinding && (c.Usage & KeyUsage.Encrypt) != 0 && privateKeys.ContainsKey(c.Key.KeyId))
            .Select(c => new DecryptionKey(c.Key, privateKeys[c.Key.KeyId]))
            .ToList();

    /// <summary>The facts of an evaluation for display: <see cref="KeyInfo"/> as of its instant.</summary>
    public static KeyInfo Describe(
        RingEvaluation evaluation,
        Func<long, bool> hasSecretPart,
        PgpPublicKey? signer,
        bool hasSecret,
        bool canDecrypt,
        string? cannotSignReason)
    {
        var primary = evaluation.Primary;
        var subkeys = evaluation.Subkeys.Select(s => new SubkeyInfo(
            KeyFacts.Fingerprint(s.Key),
            KeyFacts.KeyId(s.Key),
            KeyFacts.AlgorithmName(s.Key.Algorithm),
            KeyFacts.Bits(s.Key),
            KeyFacts.CurveName(s.Key),
            s.CreatedAt,
            s.ExpiresAt,
            s.Usage,
            s.IsBound,
            s.IsRevoked,
            s.IsExpired,
            hasSecretPart(s.Key.KeyId),
            s.RevokedAt,
            s.IsRevoked ? KeyStateText.ReasonName(s.RevocationReason) : null,
            s.RevocationText)).ToList();

        return new KeyInfo(
            KeyFacts.Fingerprint(primary.Key),
            KeyFacts.KeyId(primary.Key),
            KeyFacts.AlgorithmName(primary.Key.Algorithm),
            KeyFacts.Bits(primary.Key),
            KeyFacts.CurveName(primary.Key),
            primary.CreatedAt,
            primary.ExpiresAt,
            primary.Usage,
            primary.IsRevoked,
            primary.IsExpired,
            evaluation.UserIds,
            subkeys,
            signer is null ? null : KeyFacts.KeyId(signer),
            signer is null ? null : KeyFacts.Fingerprint(signer),
            hasSecret,
            evaluation.EvaluatedAt,
            primary.RevokedAt,
            primary.IsRevoked ? KeyStateText.ReasonName(primary.RevocationReason) : null,
            primary.RevocationText,
            canDecrypt,
            cannotSignReason,
            primary.IsBound);
    }
}
