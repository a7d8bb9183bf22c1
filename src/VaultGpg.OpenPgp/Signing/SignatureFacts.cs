namespace VaultGpg.OpenPgp.Signing;

/// <summary>What a signature's subpackets say about it.</summary>
/// <param name="CreatedAt">Signature creation time (hashed area), null when absent.</param>
/// <param name="ExpiresAfterSeconds">Signature expiration time, seconds after creation (hashed area), null when none or 0.</param>
/// <param name="IssuerKeyId">Issuer key ID (either area, or the low 64 bits of the issuer fingerprint).</param>
/// <param name="IssuerFingerprint">Issuer fingerprint (v4), null when absent.</param>
/// <param name="HasUnknownCriticalSubpacket">A critical subpacket or notation GnuPG 2.2 does not understand.</param>
internal sealed record SignatureFacts(
    DateTimeOffset? CreatedAt, uint? ExpiresAfterSeconds, ulong? IssuerKeyId, byte[]? IssuerFingerprint, bool HasUnknownCriticalSubpacket);
