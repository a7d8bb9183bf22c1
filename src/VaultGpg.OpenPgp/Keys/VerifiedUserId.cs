namespace VaultGpg.OpenPgp.Keys;

/// <summary>A user ID with its self-certifications and self-revocations (0x30) that verified.</summary>
/// <param name="RawId">The user ID packet body.</param>
/// <param name="SelfSignatures">Verified certifications and revocations, in packet order.</param>
internal sealed record VerifiedUserId(byte[] RawId, IReadOnlyList<SelfSignature> SelfSignatures)
{
    /// <summary>Whether any certification verified at all (gpg drops the user ID on import otherwise).</summary>
    public bool IsCertified => SelfSignatures.Any(s => !s.IsRevocation);
}
