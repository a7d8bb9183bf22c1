using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>What the self-signatures say about one key of a ring (primary or subkey), as of evaluation time.</summary>
/// <param name="Key">The key itself.</param>
/// <param name="Usage">Capabilities from the newest valid self-signature (or the algorithm when it has no key flags).</param>
/// <param name="CreatedAt">Key creation time.</param>
/// <param name="ExpiresAt">Key expiry from the self-signature, null when it never expires.</param>
/// <param name="IsBound">Primary: has a valid self-certified user ID. Subkey: has a valid binding, and a valid
/// back-signature when it is signing-capable.</param>
/// <param name="HasBinding">Subkey: has a valid binding signature at all (kept on import even without back-signature).</param>
/// <param name="IsRevoked">A valid revocation by the primary key exists.</param>
/// <param name="IsExpired">Expired (or created in the future) at evaluation time.</param>
internal sealed record ComponentState(
    PgpPublicKey Key,
    KeyUsage Usage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    bool IsBound,
    bool HasBinding,
    bool IsRevoked,
    bool IsExpired)
{
    public bool IsValid => IsBound && !IsRevoked && !IsExpired;
}
