using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>A subkey with the bindings and revocations by the primary key that verified.</summary>
/// <param name="Key">The subkey.</param>
/// <param name="Bindings">Verified binding signatures, in packet order.</param>
/// <param name="Revocations">Verified subkey revocations (0x28), in packet order.</param>
internal sealed record VerifiedSubkey(PgpPublicKey Key, IReadOnlyList<VerifiedBinding> Bindings, IReadOnlyList<Revocation> Revocations);
