namespace VaultGpg.OpenPgp.Verification;

/// <summary>A revocation of the key that made a signature (the subkey itself or its primary key).</summary>
/// <param name="Code">The reason code; <see cref="RevocationCode.NoReason"/> when the revocation gives none.</param>
/// <param name="RawCode">The reason code as written in the revocation (0 without a reason subpacket).</param>
/// <param name="Text">The free-text reason, empty when none was given.</param>
/// <param name="RevokedAt">Creation time of the revocation signature.</param>
/// <param name="OfPrimaryKey">True when the primary key was revoked (which revokes every subkey).</param>
public sealed record KeyRevocation(RevocationCode Code, int RawCode, string Text, DateTimeOffset? RevokedAt, bool OfPrimaryKey);
