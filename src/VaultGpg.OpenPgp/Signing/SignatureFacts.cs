namespace VaultGpg.OpenPgp.Signing;

/// <summary>What a signature's subpackets say about it.</summary>
internal sealed record SignatureFacts(DateTimeOffset? CreatedAt, ulong? IssuerKeyId, byte[]? IssuerFingerprint, bool HasUnknownCriticalSubpacket);
