using System.Globalization;
using System.Text;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>Human wording of key states for refusals and answers: times in UTC RFC 3339, revocation reasons as gpg names them.</summary>
internal static class KeyStateText
{
    /// <summary>UTC, whole seconds, RFC 3339 (<c>2026-11-29T23:51:52Z</c>).</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The reason-for-revocation code as gpg words it (RFC 4880 §5.2.3.23).</summary>
    public static string ReasonName(byte? reason) => reason switch
    {
        null or 0 => "no reason specified",
        1 => "key is superseded",
        2 => "key has been compromised",
        3 => "key is no longer used",
        32 => "user ID is no longer valid",
        _ => "reason " + reason.Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>"revoked at T (reason: text)" for a revoked component.</summary>
    public static string Revoked(ComponentState state)
    {
        var text = new StringBuilder("revoked");
        if (state.RevokedAt is { } at)
        {
            text.Append(" at ").Append(Rfc3339(at));
        }

        text.Append(" (").Append(ReasonName(state.RevocationReason));
        if (state.RevocationText is { } reason)
        {
            text.Append(": ").Append(reason);
        }

        return text.Append(')').ToString();
    }

    /// <summary>
    /// Why no key of the ring can sign at <see cref="RingEvaluation.EvaluatedAt"/>: the primary key's own state first
    /// (revoked, expired, not yet valid, unbound), else each signing-capable key and what stops it.
    /// </summary>
    public static string WhyCannotSign(RingEvaluation evaluation, Func<long, bool> hasSecret, bool verifyOnly)
    {
        if (verifyOnly)
        {
            return "the key is verify-only: there is no secret key to sign with";
        }

        var primary = evaluation.Primary;
        if (primary.IsRevoked)
        {
            return $"the key was {Revoked(primary)} and cannot sign";
        }

        if (primary.CreatedAt > evaluation.EvaluatedAt)
        {
            return $"the key is not valid before its creation at {Rfc3339(primary.CreatedAt)}";
        }

        if (primary.IsExpired)
        {
            return $"the key expired at {Rfc3339(primary.ExpiresAt!.Value)} and cannot sign";
        }

        if (!primary.IsBound)
        {
            return "the key has no valid self-signature and cannot sign";
        }

        var candidates = new[] { primary }.Concat(evaluation.Subkeys).Where(c => (c.Usage & KeyUsage.Sign) != 0).ToList();
        if (candidates.Count == 0)
        {
            return "no key of it may sign (its key flags allow only " + UsageWords(evaluation) + ")";
        }

        var reasons = candidates.Select(c => $"{(ReferenceEquals(c, primary) ? "primary key" : "subkey")} {KeyFacts.KeyId(c.Key)} {WhyNot(c, hasSecret)}");
        return "the key has no valid signing key with its secret part: " + string.Join("; ", reasons);
    }

    private static string WhyNot(ComponentState component, Func<long, bool> hasSecret)
    {
        if (component.IsRevoked)
        {
            return "was " + Revoked(component);
        }

        if (component.IsExpired)
        {
            return component.ExpiresAt is { } expiry ? "expired at " + Rfc3339(expiry) : "is not valid yet";
        }

        if (!component.IsBound)
        {
            return component.BackSignature switch
            {
                _ when !component.HasBinding => "has no valid binding signature",
                BackSignatureState.None => "is not cross-certified (no back-signature)",
                BackSignatureState.Invalid => "has an invalid cross-certification",
                _ => "has no binding signature in force",
            };
        }

        return hasSecret(component.Key.KeyId) ? "cannot sign" : "has no secret part here";
    }

    private static string UsageWords(RingEvaluation evaluation)
    {
        var usage = new[] { evaluation.Primary }.Concat(evaluation.Subkeys).Aggregate(KeyUsage.None, (all, c) => all | c.Usage);
        var words = new List<string>();
        if ((usage & KeyUsage.Certify) != 0)
        {
            words.Add("certify");
        }

        if ((usage & KeyUsage.Encrypt) != 0)
        {
            words.Add("encrypt");
        }

        if ((usage & KeyUsage.Authenticate) != 0)
        {
            words.Add("authenticate");
        }

        return string.Join(", ", words);
    }
}
