using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// A self-signature that verified cryptographically (certification, direct-key or subkey binding), with the facts
/// the time evaluation needs read once, so that evaluating validity at any instant touches no BouncyCastle object.
/// </summary>
/// <param name="Signature">The signature packet.</param>
/// <param name="Type">Signature type (0x10-0x13, 0x1F, 0x18, or 0x30 for a user ID revocation).</param>
/// <param name="CreatedAt">Its creation time.</param>
/// <param name="ExpiresAt">When the signature itself expires (creation + signature lifetime), null when never.</param>
/// <param name="KeyFlags">The key flags subpacket (hashed), null when absent.</param>
/// <param name="KeyLifetimeSeconds">The key expiration subpacket (hashed): seconds after key creation, 0 for never.</param>
/// <param name="IsPrimaryUserId">The hashed primary-user-ID flag is set.</param>
internal sealed record SelfSignature(
    PgpSignature Signature,
    int Type,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    int? KeyFlags,
    long KeyLifetimeSeconds,
    bool IsPrimaryUserId)
{
    public bool IsRevocation => Type is PgpSignature.CertificationRevocation or PgpSignature.KeyRevocation or PgpSignature.SubkeyRevocation;

    public static SelfSignature Of(PgpSignature signature)
    {
        var created = CreationTimeOf(signature);
        var hashed = signature.GetHashedSubPackets();
        var lifetime = hashed is not null && hashed.HasSignatureExpirationTime() ? hashed.GetSignatureExpirationTime() : 0;
        return new SelfSignature(
            signature,
            signature.SignatureType,
            created,
            lifetime > 0 ? created.AddSeconds(lifetime) : null,
            hashed is not null && hashed.HasSubpacket(SignatureSubpacketTag.KeyFlags) ? hashed.GetKeyFlags() : null,
            hashed is not null && hashed.HasKeyExpirationTime() ? hashed.GetKeyExpirationTime() : 0,
            hashed is not null && hashed.HasSubpacket(SignatureSubpacketTag.PrimaryUserId) && hashed.IsPrimaryUserId());
    }

    public static DateTimeOffset CreationTimeOf(PgpSignature signature) =>
        new(DateTime.SpecifyKind(signature.CreationTime, DateTimeKind.Utc));

    /// <summary>Made no later than <paramref name="when"/> and not itself expired then (gpg ignores expired self-signatures).</summary>
    public bool IsInForceAt(DateTimeOffset when) => CreatedAt <= when && !(ExpiresAt <= when);

    /// <summary>The key expiry this signature states for a key created at <paramref name="keyCreated"/>, null for never.</summary>
    public DateTimeOffset? KeyExpiresAt(DateTimeOffset keyCreated) =>
        KeyLifetimeSeconds > 0 ? keyCreated.AddSeconds(KeyLifetimeSeconds) : null;
}
