using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// The expensive, time-independent half of judging a key: which self-signatures of a ring verify cryptographically
/// (user ID certifications and revocations, direct-key signatures, key revocations, subkey bindings with their
/// back-signature, subkey revocations). Found once when a key is loaded; <see cref="KeyEvaluator.EvaluateAt"/>
/// turns it into validity at any instant without verifying anything again. Signatures older than the key they
/// are made by (gpg's "time conflict") are left out here.
/// </summary>
/// <param name="Primary">The primary key.</param>
/// <param name="UserIds">Every user ID of the ring, in ring order, with its verified self-signatures.</param>
/// <param name="DirectKeySignatures">Verified direct-key signatures (0x1F).</param>
/// <param name="Revocations">Verified key revocations (0x20) by the primary itself, in packet order.</param>
/// <param name="Subkeys">Every subkey, in ring order.</param>
internal sealed record VerifiedSelfSignatures(
    PgpPublicKey Primary,
    IReadOnlyList<VerifiedUserId> UserIds,
    IReadOnlyList<SelfSignature> DirectKeySignatures,
    IReadOnlyList<Revocation> Revocations,
    IReadOnlyList<VerifiedSubkey> Subkeys)
{
    private static readonly int[] UserIdSignatureTypes =
    [
        PgpSignature.DefaultCertification,
        PgpSignature.NoCertification,
        PgpSignature.CasualCertification,
        PgpSignature.PositiveCertification,
        PgpSignature.CertificationRevocation,
    ];

    /// <summary>Checks every self-signature of <paramref name="ring"/> once.</summary>
    public static VerifiedSelfSignatures Verify(PgpPublicKeyRing ring)
    {
        var keys = ring.GetPublicKeys().ToList();
        var primary = keys[0];
        var created = KeyFacts.CreatedAt(primary);

        var userIds = primary.GetRawUserIds()
            .Select(rawId => new VerifiedUserId(
                rawId,
                (primary.GetSignaturesForId(rawId) ?? [])
                    .Where(s => UserIdSignatureTypes.Contains(s.SignatureType)
                        && IsNotOlderThan(s, created)
                        && SelfSignatures.VerifyOnUserId(s, primary, rawId))
                    .Select(SelfSignature.Of)
                    .ToList()))
            .ToList();

        var keySignatures = (primary.GetKeySignatures() ?? []).Where(s => IsNotOlderThan(s, created)).ToList();
        var direct = keySignatures
            .Where(s => s.SignatureType == PgpSignature.DirectKey && SelfSignatures.VerifyOnPrimary(s, primary))
            .Select(SelfSignature.Of)
            .ToList();
        var revocations = keySignatures
            .Where(s => s.SignatureType == PgpSignature.KeyRevocation && SelfSignatures.VerifyOnPrimary(s, primary))
            .Select(Revocation.Of)
            .ToList();

        var subkeys = keys.Skip(1).Select(subkey => VerifySubkey(primary, subkey)).ToList();
        return new VerifiedSelfSignatures(primary, userIds, direct, revocations, subkeys);
    }

    private static VerifiedSubkey VerifySubkey(PgpPublicKey primary, PgpPublicKey subkey)
    {
        var signatures = subkey.GetSignatures().ToList();
        var bindings = signatures
            .Where(s => s.SignatureType == PgpSignature.SubkeyBinding
                && IsNotOlderThan(s, KeyFacts.CreatedAt(subkey))
                && SelfSignatures.VerifyOnSubkey(s, primary, subkey))
            .Select(s => new VerifiedBinding(SelfSignature.Of(s), SelfSignatures.CheckBackSignature(s, primary, subkey)))
            .ToList();
        var revocations = signatures
            .Where(s => s.SignatureType == PgpSignature.SubkeyRevocation
                && IsNotOlderThan(s, KeyFacts.CreatedAt(primary))
                && SelfSignatures.VerifyOnSubkey(s, primary, subkey))
            .Select(Revocation.Of)
            .ToList();
        return new VerifiedSubkey(subkey, bindings, revocations);
    }

    private static bool IsNotOlderThan(PgpSignature signature, DateTimeOffset keyCreated) =>
        SelfSignature.CreationTimeOf(signature) >= keyCreated;
}
