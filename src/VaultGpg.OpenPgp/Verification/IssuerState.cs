using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.OpenPgp.Verification;

/// <summary>
/// What the key ring says, at the verification time, about the key that issued a signature: its own state, its
/// primary key's state, and the revocation that applies (the key's own, else its primary's, as GnuPG's
/// merge_selfsigs hands a primary key's revocation down to every subkey).
/// </summary>
internal sealed record IssuerState(ComponentState Key, ComponentState Primary, bool IsSubkey, KeyRevocation? Revocation)
{
    /// <summary>GnuPG's <c>pk->flags.valid</c>: a primary key with a valid self-signature, a subkey with a valid binding
    /// under such a primary key (the back-signature is judged later, after the cryptography).</summary>
    public bool IsUsable => Primary.IsBound && (!IsSubkey || Key.HasBinding);

    /// <summary>The subkey is signing-capable and bound, but its binding has no valid back-signature.</summary>
    public bool LacksBackSignature => IsSubkey && Key.HasBinding && !Key.IsBound;

    /// <summary>The key or its primary key has expired (gpg's has_expired, handed down from the primary).</summary>
    public bool IsExpired => Key.IsExpired || Primary.IsExpired;

    public bool IsRevoked => Key.IsRevoked || Primary.IsRevoked;

    /// <summary>The expiry that applies: the primary's when the primary has expired, else the sooner of the two.</summary>
    public DateTimeOffset? ExpiresAt =>
        Primary.IsExpired && !Key.IsExpired
            ? Primary.ExpiresAt
            : new[] { Key.ExpiresAt, Primary.ExpiresAt }.Where(e => e is not null).Min();

    /// <summary>Evaluates the ring at <paramref name="now"/> and picks out <paramref name="issuer"/>.</summary>
    public static IssuerState Of(PgpPublicKeyRing ring, PgpPublicKey issuer, DateTimeOffset now)
    {
        // BouncyCastle checks a signature by feeding data into the PgpSignature object itself (InitVerify/Update), so
        // two threads checking the self-signatures of one shared ring would corrupt each other's digests.
        lock (ring)
        {
            return Judge(ring, issuer, now);
        }
    }

    private static IssuerState Judge(PgpPublicKeyRing ring, PgpPublicKey issuer, DateTimeOffset now)
    {
        var evaluation = Evaluate(ring, now);
        var primary = evaluation.Primary;
        var key = issuer.IsMasterKey ? primary : evaluation.Subkeys.First(s => s.Key.KeyId == issuer.KeyId);
        var revocation = key.IsRevoked
            ? ReadRevocation(primary.Key, issuer, ofPrimary: issuer.IsMasterKey)
            : primary.IsRevoked ? ReadRevocation(primary.Key, primary.Key, ofPrimary: true) : null;
        return new IssuerState(key, primary, !issuer.IsMasterKey, revocation);
    }

    /// <summary>The one place that asks the key evaluator; validity is judged per call, never cached.</summary>
    private static RingEvaluation Evaluate(PgpPublicKeyRing ring, DateTimeOffset now) => KeyEvaluator.Evaluate(ring, now);

    /// <summary>The newest valid revocation of <paramref name="key"/> by the primary key, with its reason subpacket.</summary>
    private static KeyRevocation? ReadRevocation(PgpPublicKey primary, PgpPublicKey key, bool ofPrimary)
    {
        var revocation = ofPrimary
            ? primary.GetKeySignatures()?.Where(s => s.SignatureType == PgpSignature.KeyRevocation && SelfSignatures.VerifyOnPrimary(s, primary))
                .MaxBy(s => s.CreationTime)
            : key.GetSignatures().Where(s => s.SignatureType == PgpSignature.SubkeyRevocation && SelfSignatures.VerifyOnSubkey(s, primary, key))
                .MaxBy(s => s.CreationTime);
        if (revocation is null)
        {
            return null;
        }

        // Reason for revocation (RFC 4880 §5.2.3.23): one code octet, then UTF-8 text.
        var reason = revocation.GetHashedSubPackets()?.GetSubpacket(SignatureSubpacketTag.RevocationReason)?.GetData() ?? [];
        var rawCode = reason.Length > 0 ? reason[0] : 0;
        var code = Enum.IsDefined(typeof(RevocationCode), (int)rawCode) && rawCode != (byte)RevocationCode.Other
            ? (RevocationCode)rawCode
            : RevocationCode.Other;
        var created = new DateTimeOffset(DateTime.SpecifyKind(revocation.CreationTime, DateTimeKind.Utc));
        var text = reason.Length > 1 ? System.Text.Encoding.UTF8.GetString(reason, 1, reason.Length - 1) : string.Empty;
        return new KeyRevocation(code, rawCode, text, created, ofPrimary);
    }
}
