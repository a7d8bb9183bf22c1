using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Decides, from verified self-signatures only, what each key of a ring may do and whether it is bound, revoked or
/// expired — the rules GnuPG 2.2 applies (getkey.c merge_selfsigs): the newest valid self-signature wins, the primary
/// user ID's signature carries the primary key's flags and expiry, a signing subkey needs a back-signature, and
/// signatures older than their key or from the future are ignored.
/// </summary>
internal static class KeyEvaluator
{
    private static readonly int[] UserIdCertificationTypes =
    [
        PgpSignature.DefaultCertification,
        PgpSignature.NoCertification,
        PgpSignature.CasualCertification,
        PgpSignature.PositiveCertification,
    ];

    public static RingEvaluation Evaluate(PgpPublicKeyRing ring, DateTimeOffset now)
    {
        var keys = ring.GetPublicKeys().ToList();
        var primary = keys[0];
        var primaryState = EvaluatePrimary(primary, now, out var userIds, out var invalidUserIds);
        var subkeys = keys.Skip(1).Select(subkey => EvaluateSubkey(primary, subkey, now)).ToList();
        return new RingEvaluation(primaryState, subkeys, userIds, invalidUserIds, now);
    }

    private static ComponentState EvaluatePrimary(
        PgpPublicKey primary, DateTimeOffset now, out IReadOnlyList<string> userIds, out IReadOnlyList<byte[]> invalidUserIds)
    {
        var created = KeyFacts.CreatedAt(primary);
        var valid = new List<(byte[] RawId, PgpSignature Certification)>();
        var invalid = new List<byte[]>();
        foreach (var rawId in primary.GetRawUserIds())
        {
            var signatures = primary.GetSignaturesForId(rawId)?.ToList() ?? [];
            var certification = Newest(signatures.Where(s =>
                UserIdCertificationTypes.Contains(s.SignatureType)
                && IsTimely(s, created, now)
                && SelfSignatures.VerifyOnUserId(s, primary, rawId)));
            if (certification is null)
            {
                invalid.Add(rawId);
                continue;
            }

            var revocation = Newest(signatures.Where(s =>
                s.SignatureType == PgpSignature.CertificationRevocation
                && SelfSignatures.VerifyOnUserId(s, primary, rawId)));
            if (revocation is null || revocation.CreationTime < certification.CreationTime)
            {
                valid.Add((rawId, certification));
            }
        }

        // gpg: the newest self-signature flagged "primary user ID" wins, else the newest self-signature.
        var primaryUserId = valid.Where(v => IsPrimaryUserId(v.Certification)).OrderByDescending(v => v.Certification.CreationTime)
            .Concat(valid.OrderByDescending(v => v.Certification.CreationTime))
            .Select(v => ((byte[] RawId, PgpSignature Certification)?)v)
            .FirstOrDefault();

        invalidUserIds = invalid;
        userIds = valid
            .OrderBy(v => ReferenceEquals(v.RawId, primaryUserId?.RawId) ? 0 : 1)
            .Select(v => Encoding.UTF8.GetString(v.RawId))
            .ToList();

        var keySignatures = primary.GetKeySignatures()?.ToList() ?? [];
        var direct = Newest(keySignatures.Where(s =>
            s.SignatureType == PgpSignature.DirectKey && IsTimely(s, created, now) && SelfSignatures.VerifyOnPrimary(s, primary)));
        var revoked = keySignatures.Any(s =>
            s.SignatureType == PgpSignature.KeyRevocation && SelfSignatures.VerifyOnPrimary(s, primary));

        // The primary user ID's self-signature describes the key; a direct-key signature fills in what it lacks.
        var sources = new[] { primaryUserId?.Certification, direct }.Where(s => s is not null).Cast<PgpSignature>().ToList();
        var flags = sources.Select(KeyFlags).FirstOrDefault(f => f is not null);
        var usage = (flags is { } f ? KeyFacts.FromKeyFlags(f) : KeyFacts.AlgorithmUsage(primary.Algorithm, isPrimary: true))
            | KeyUsage.Certify;
        var expiresAt = sources.Select(s => ExpiresAt(s, created)).FirstOrDefault(e => e is not null);

        return new ComponentState(
            primary,
            usage & (KeyFacts.AlgorithmUsage(primary.Algorithm, isPrimary: true)),
            created,
            expiresAt,
            IsBound: valid.Count > 0,
            HasBinding: valid.Count > 0,
            IsRevoked: revoked,
            IsExpired: expiresAt <= now || created > now);
    }

    private static ComponentState EvaluateSubkey(PgpPublicKey primary, PgpPublicKey subkey, DateTimeOffset now)
    {
        var created = KeyFacts.CreatedAt(subkey);
        var signatures = subkey.GetSignatures().ToList();
        var binding = Newest(signatures.Where(s =>
            s.SignatureType == PgpSignature.SubkeyBinding
            && IsTimely(s, created, now)
            && SelfSignatures.VerifyOnSubkey(s, primary, subkey)));
        var revoked = signatures.Any(s =>
            s.SignatureType == PgpSignature.SubkeyRevocation && SelfSignatures.VerifyOnSubkey(s, primary, subkey));

        var usage = binding is not null && KeyFlags(binding) is { } flags
            ? KeyFacts.FromKeyFlags(flags) & ~KeyUsage.Certify
            : KeyFacts.AlgorithmUsage(subkey.Algorithm, isPrimary: false);
        usage &= KeyFacts.AlgorithmUsage(subkey.Algorithm, isPrimary: false);

        var crossCertified = binding is not null
            && ((usage & KeyUsage.Sign) == 0 || SelfSignatures.HasValidBackSignature(binding, primary, subkey));
        var expiresAt = binding is null ? null : ExpiresAt(binding, created);

        return new ComponentState(
            subkey,
            usage,
            created,
            expiresAt,
            IsBound: crossCertified,
            HasBinding: binding is not null,
            IsRevoked: revoked,
            IsExpired: expiresAt <= now || created > now);
    }

    /// <summary>Self-signatures older than the key, from the future, or themselves expired do not count.</summary>
    private static bool IsTimely(PgpSignature signature, DateTimeOffset keyCreated, DateTimeOffset now)
    {
        var created = new DateTimeOffset(DateTime.SpecifyKind(signature.CreationTime, DateTimeKind.Utc));
        if (created < keyCreated || created > now)
        {
            return false;
        }

        var hashed = signature.GetHashedSubPackets();
        if (hashed is not null && hashed.HasSignatureExpirationTime())
        {
            var lifetime = hashed.GetSignatureExpirationTime();
            if (lifetime > 0 && created.AddSeconds(lifetime) <= now)
            {
                return false;
            }
        }

        return true;
    }

    private static PgpSignature? Newest(IEnumerable<PgpSignature> signatures) => signatures.MaxBy(s => s.CreationTime);

    private static bool IsPrimaryUserId(PgpSignature signature) =>
        signature.GetHashedSubPackets() is { } hashed
        && hashed.HasSubpacket(SignatureSubpacketTag.PrimaryUserId)
        && hashed.IsPrimaryUserId();

    private static int? KeyFlags(PgpSignature signature) =>
        signature.GetHashedSubPackets() is { } hashed && hashed.HasSubpacket(SignatureSubpacketTag.KeyFlags)
            ? hashed.GetKeyFlags()
            : null;

    private static DateTimeOffset? ExpiresAt(PgpSignature signature, DateTimeOffset keyCreated)
    {
        var hashed = signature.GetHashedSubPackets();
        if (hashed is null || !hashed.HasKeyExpirationTime())
        {
            return null;
        }

        var seconds = hashed.GetKeyExpirationTime();
        return seconds > 0 ? keyCreated.AddSeconds(seconds) : null;
    }
}
