using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Decides what each key of a ring may do and whether it is bound, revoked or expired at an instant, from the
/// self-signatures that verified (<see cref="VerifiedSelfSignatures"/>), with the rules of GnuPG 2.2 (getkey.c
/// merge_selfsigs_main, merge_selfsigs_subkey, merge_selfsigs):
/// <list type="bullet">
/// <item>per user ID the newest self-signature wins, a revocation included; per subkey the newest binding in force;
/// the newest direct-key signature in force gives the primary's flags and expiry, else the user ID self-signature
/// made last that states them; expired self-signatures and those made after the instant are ignored;</item>
/// <item>a verified key or subkey revocation applies whatever its date, as in gpg;</item>
/// <item>a revoked, expired or unbound primary key makes every subkey revoked, expired or unbound too;</item>
/// <item>a key is expired once its expiry second lies before the instant's second (gpg: <c>expiredate &lt; now</c>).</item>
/// </list>
/// Evaluation verifies nothing: it is cheap enough to run on every request.
/// </summary>
internal static class KeyEvaluator
{
    /// <summary>Verifies the ring's self-signatures and evaluates them at <paramref name="now"/> (both halves at once).</summary>
    public static RingEvaluation Evaluate(PgpPublicKeyRing ring, DateTimeOffset now) =>
        EvaluateAt(VerifiedSelfSignatures.Verify(ring), now);

    /// <summary>The state of every key of the ring at <paramref name="when"/>; no signature is verified.</summary>
    public static RingEvaluation EvaluateAt(VerifiedSelfSignatures verified, DateTimeOffset when)
    {
        var primary = EvaluatePrimary(verified, when, out var userIds);
        var revocation = verified.Revocations.Count > 0 ? verified.Revocations[^1] : null;
        var subkeys = verified.Subkeys
            .Select(subkey => InheritFromPrimary(EvaluateSubkey(subkey, when), primary, revocation))
            .ToList();
        var invalidUserIds = verified.UserIds.Where(u => !u.IsCertified).Select(u => u.RawId).ToList();
        return new RingEvaluation(primary, subkeys, userIds, invalidUserIds, when);
    }

    private static ComponentState EvaluatePrimary(VerifiedSelfSignatures verified, DateTimeOffset when, out IReadOnlyList<string> userIds)
    {
        var primary = verified.Primary;
        var created = KeyFacts.CreatedAt(primary);

        // gpg's pass 2: per user ID the newest self-signature (certification or revocation) wins; any such signature
        // makes the key valid, but only an unexpired certification makes the user ID valid.
        var hasUserIdSelfSignature = false;
        var valid = new List<(byte[] RawId, SelfSignature Certification)>();
        foreach (var userId in verified.UserIds)
        {
            var chosen = Newest(userId.SelfSignatures.Where(s => s.CreatedAt <= when));
            if (chosen is null)
            {
                continue;
            }

            hasUserIdSelfSignature = true;
            if (!chosen.IsRevocation && chosen.IsInForceAt(when))
            {
                valid.Add((userId.RawId, chosen));
            }
        }

        // gpg: the newest self-signature flagged "primary user ID" wins, else the newest self-signature.
        var primaryUserId = valid.Where(v => v.Certification.IsPrimaryUserId).OrderByDescending(v => v.Certification.CreatedAt)
            .Concat(valid.OrderByDescending(v => v.Certification.CreatedAt))
            .Select(v => ((byte[] RawId, SelfSignature Certification)?)v)
            .FirstOrDefault();
        userIds = valid
            .OrderBy(v => ReferenceEquals(v.RawId, primaryUserId?.RawId) ? 0 : 1)
            .Select(v => Encoding.UTF8.GetString(v.RawId))
            .ToList();

        // A direct-key signature takes precedence; else the user ID self-signature made last that states the value.
        var direct = Newest(verified.DirectKeySignatures.Where(s => s.IsInForceAt(when)));
        var newestFirst = valid.Select(v => v.Certification).OrderByDescending(s => s.CreatedAt).ToList();
        var flags = direct?.KeyFlags ?? newestFirst.Select(s => s.KeyFlags).FirstOrDefault(f => f is not null);
        var algorithmUsage = KeyFacts.AlgorithmUsage(primary.Algorithm, isPrimary: true);
        var usage = (flags is { } f ? KeyFacts.FromKeyFlags(f) & algorithmUsage : algorithmUsage) | KeyUsage.Certify;
        var expiresAt = direct?.KeyExpiresAt(created)
            ?? newestFirst.Select(s => s.KeyExpiresAt(created)).FirstOrDefault(e => e is not null);

        var revocation = verified.Revocations.Count > 0 ? verified.Revocations[^1] : null;
        return new ComponentState(
            primary,
            usage,
            created,
            expiresAt,
            IsBound: direct is not null || hasUserIdSelfSignature,
            HasBinding: valid.Count > 0,
            IsRevoked: revocation is not null,
            IsExpired: HasExpired(expiresAt, created, when),
            RevokedAt: revocation?.At,
            RevocationReason: revocation?.Reason,
            RevocationText: revocation?.Text);
    }

    private static ComponentState EvaluateSubkey(VerifiedSubkey verified, DateTimeOffset when)
    {
        var subkey = verified.Key;
        var created = KeyFacts.CreatedAt(subkey);
        var binding = NewestBinding(verified.Bindings.Where(b => b.Binding.IsInForceAt(when)));
        var algorithmUsage = KeyFacts.AlgorithmUsage(subkey.Algorithm, isPrimary: false);
        var usage = binding?.Binding.KeyFlags is { } flags
            ? KeyFacts.FromKeyFlags(flags) & ~KeyUsage.Certify & algorithmUsage
            : algorithmUsage;
        var backSignature = binding?.BackSignature ?? BackSignatureState.None;
        var expiresAt = binding?.Binding.KeyExpiresAt(created);
        var revocation = verified.Revocations.Count > 0 ? verified.Revocations[^1] : null;

        return new ComponentState(
            subkey,
            usage,
            created,
            expiresAt,
            IsBound: binding is not null && ((usage & KeyUsage.Sign) == 0 || backSignature == BackSignatureState.Valid),
            HasBinding: verified.Bindings.Count > 0,
            IsRevoked: revocation is not null,
            IsExpired: HasExpired(expiresAt, created, when),
            RevokedAt: revocation?.At,
            RevocationReason: revocation?.Reason,
            RevocationText: revocation?.Text,
            BackSignature: backSignature);
    }

    /// <summary>gpg's merge_selfsigs: what the primary key lacks, its subkeys lack too.</summary>
    private static ComponentState InheritFromPrimary(ComponentState subkey, ComponentState primary, Revocation? primaryRevocation)
    {
        if (!primary.IsBound)
        {
            subkey = subkey with { IsBound = false };
        }

        if (primaryRevocation is not null && !subkey.IsRevoked)
        {
            subkey = subkey.RevokedBy(primaryRevocation);
        }

        return primary.IsExpired ? subkey with { IsExpired = true } : subkey;
    }

    /// <summary>gpg compares whole seconds: a key is expired once its expiry lies before the current second.</summary>
    private static bool HasExpired(DateTimeOffset? expiresAt, DateTimeOffset created, DateTimeOffset when) =>
        created > when || (expiresAt is { } expiry && expiry.ToUnixTimeSeconds() < when.ToUnixTimeSeconds());

    /// <summary>The newest signature; among equal times the later one in packet order, as gpg's <c>&gt;=</c> picks.</summary>
    private static SelfSignature? Newest(IEnumerable<SelfSignature> signatures) =>
        signatures.Aggregate((SelfSignature?)null, (newest, s) => newest is null || s.CreatedAt >= newest.CreatedAt ? s : newest);

    private static VerifiedBinding? NewestBinding(IEnumerable<VerifiedBinding> bindings) =>
        bindings.Aggregate((VerifiedBinding?)null, (newest, b) => newest is null || b.Binding.CreatedAt >= newest.Binding.CreatedAt ? b : newest);
}
