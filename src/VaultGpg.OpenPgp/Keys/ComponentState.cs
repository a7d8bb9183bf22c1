using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>What the verified self-signatures say about one key of a ring (primary or subkey) at one instant,
/// <see cref="RingEvaluation.EvaluatedAt"/>, after GnuPG's merge (a revoked, expired or invalid primary key makes its
/// subkeys revoked, expired or invalid too).</summary>
/// <param name="Key">The key itself.</param>
/// <param name="Usage">Capabilities from the newest self-signature in force (or the algorithm when it has no key flags).</param>
/// <param name="CreatedAt">Key creation time.</param>
/// <param name="ExpiresAt">Key expiry from that self-signature, null when it never expires.</param>
/// <param name="IsBound">Primary: gpg's "valid" (a direct-key signature or a user ID self-signature in force).
/// Subkey: a binding in force, and a valid back-signature when it is signing-capable; false when the primary is not bound.</param>
/// <param name="HasBinding">Primary: has a verified self-certified user ID. Subkey: has a verified binding signature at
/// all, whatever its time (gpg keeps it on import, and decrypts with it).</param>
/// <param name="IsRevoked">A verified revocation by the primary key exists (of this key, or of the primary), whatever
/// its date, as gpg treats revocations.</param>
/// <param name="IsExpired">Expired (or created after the evaluation instant) at evaluation time; for a subkey also when
/// the primary key has expired.</param>
/// <param name="RevokedAt">Creation time of the revocation that applies, null when not revoked.</param>
/// <param name="RevocationReason">Its reason-for-revocation code (0 none, 1 superseded, 2 compromised, 3 retired), null
/// when not revoked or it states none.</param>
/// <param name="RevocationText">Its reason text, null when absent.</param>
/// <param name="BackSignature">Subkey: the back-signature in the binding in force (always <see cref="BackSignatureState.None"/>
/// for the primary).</param>
internal sealed record ComponentState(
    PgpPublicKey Key,
    KeyUsage Usage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    bool IsBound,
    bool HasBinding,
    bool IsRevoked,
    bool IsExpired,
    DateTimeOffset? RevokedAt = null,
    byte? RevocationReason = null,
    string? RevocationText = null,
    BackSignatureState BackSignature = BackSignatureState.None)
{
    public bool IsValid => IsBound && !IsRevoked && !IsExpired;

    /// <summary>A copy revoked by <paramref name="revocation"/> (used when the primary's revocation reaches a subkey).</summary>
    internal ComponentState RevokedBy(Revocation revocation) => this with
    {
        IsRevoked = true,
        RevokedAt = revocation.At,
        RevocationReason = revocation.Reason,
        RevocationText = revocation.Text,
    };
}
