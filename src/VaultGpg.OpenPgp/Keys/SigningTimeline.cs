using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// The instants at which a key's own dates can change which key signs (creation of the key, its subkeys and their
/// self-signatures; key and self-signature expiry), and the signing schedule read from them. Between two such instants
/// the choice cannot change, so evaluating at each of them is exact, and cheap (nothing is verified).
/// </summary>
internal static class SigningTimeline
{
    public static SigningSchedule ScheduleAt(VerifiedSelfSignatures verified, DateTimeOffset when, Func<DateTimeOffset, PgpPublicKey?> signerAt)
    {
        string? At(DateTimeOffset instant) => signerAt(instant) is { } key ? KeyFacts.Fingerprint(key) : null;

        var instants = Instants(verified);
        var current = At(when);
        var since = when;
        foreach (var instant in instants.Where(i => i <= when).Reverse())
        {
            if (At(instant) != current)
            {
                break;
            }

            since = instant;
        }

        foreach (var instant in instants.Where(i => i > when))
        {
            var next = At(instant);
            if (next != current)
            {
                return new SigningSchedule(current, since, next, instant);
            }
        }

        return new SigningSchedule(current, since, null, null);
    }

    private static List<DateTimeOffset> Instants(VerifiedSelfSignatures verified)
    {
        var instants = new SortedSet<DateTimeOffset>();
        var primaryCreated = KeyFacts.CreatedAt(verified.Primary);
        instants.Add(primaryCreated);
        AddSignatures(instants, verified.UserIds.SelectMany(u => u.SelfSignatures).Concat(verified.DirectKeySignatures), primaryCreated);
        foreach (var subkey in verified.Subkeys)
        {
            var created = KeyFacts.CreatedAt(subkey.Key);
            instants.Add(created);
            AddSignatures(instants, subkey.Bindings.Select(b => b.Binding), created);
        }

        return [.. instants];
    }

    /// <summary>A signature's creation, its own expiry, and the second after the key expiry it states (a key is expired
    /// once its expiry second lies before the current second).</summary>
    private static void AddSignatures(SortedSet<DateTimeOffset> instants, IEnumerable<SelfSignature> signatures, DateTimeOffset keyCreated)
    {
        foreach (var signature in signatures)
        {
            instants.Add(signature.CreatedAt);
            if (signature.ExpiresAt is { } signatureExpiry)
            {
                instants.Add(signatureExpiry);
            }

            if (signature.KeyExpiresAt(keyCreated) is { } keyExpiry)
            {
                instants.Add(keyExpiry.AddSeconds(1));
            }
        }
    }
}
