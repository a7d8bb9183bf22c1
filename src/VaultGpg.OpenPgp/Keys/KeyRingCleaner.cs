using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Drops what gpg drops on import: user IDs without a valid self-certification and subkeys without a valid binding
/// signature. Revoked user IDs and subkeys, third-party certifications and user attributes stay, as in gpg.
/// </summary>
internal static class KeyRingCleaner
{
    public static PgpKeyRing Clean(PgpKeyRing ring, RingEvaluation evaluation)
    {
        if (!evaluation.HasUnboundParts)
        {
            return ring;
        }

        var unbound = evaluation.Subkeys.Where(s => !s.HasBinding).Select(s => s.Key.KeyId).ToHashSet();
        var primary = evaluation.Primary.Key;
        foreach (var rawId in evaluation.InvalidRawUserIds)
        {
            primary = PgpPublicKey.RemoveCertification(primary, rawId) ?? primary;
        }

        return ring switch
        {
            PgpSecretKeyRing secret => CleanSecret(secret, primary, unbound),
            PgpPublicKeyRing pub => CleanPublic(pub, primary, unbound),
            _ => ring,
        };
    }

    private static PgpSecretKeyRing CleanSecret(PgpSecretKeyRing ring, PgpPublicKey primary, HashSet<long> unbound)
    {
        var cleaned = PgpSecretKeyRing.InsertSecretKey(ring, PgpSecretKey.ReplacePublicKey(ring.GetSecretKey(), primary));
        foreach (var subkey in ring.GetSecretKeys().Where(k => unbound.Contains(k.KeyId)))
        {
            cleaned = PgpSecretKeyRing.RemoveSecretKey(cleaned, subkey) ?? cleaned;
        }

        // Re-parse so the ring is exactly what its encoding says, as for every other ring we hold.
        return new PgpSecretKeyRing(cleaned.GetEncoded());
    }

    private static PgpPublicKeyRing CleanPublic(PgpPublicKeyRing ring, PgpPublicKey primary, HashSet<long> unbound)
    {
        var cleaned = PgpPublicKeyRing.InsertPublicKey(ring, primary);
        foreach (var subkey in ring.GetPublicKeys().Where(k => unbound.Contains(k.KeyId)))
        {
            cleaned = PgpPublicKeyRing.RemovePublicKey(cleaned, subkey) ?? cleaned;
        }

        return new PgpPublicKeyRing(KeyEncoding.EncodePublic(cleaned));
    }
}
