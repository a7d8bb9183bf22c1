namespace VaultGpg.OpenPgp.Verification;

/// <summary>
/// The outcome of checking a well-formed signature against a key. <see cref="Valid"/> is false for a signature
/// made by another key (<see cref="KeyId"/> says which) or one that does not match the data.
/// </summary>
/// <param name="Valid">True when the signature is by the key (primary or subkey) and matches the data.</param>
/// <param name="KeyId">The issuer key ID, 16 upper-case hex digits, as gpg prints it.</param>
/// <param name="Fingerprint">The issuer fingerprint (40 upper-case hex digits) when the signature or the key names it.</param>
/// <param name="CreatedAt">The signature creation time from the hashed subpackets.</param>
/// <param name="Hash">The digest algorithm of the signature.</param>
/// <param name="SignatureType">0x00 for binary, 0x01 for text documents.</param>
/// <param name="SignedText">For cleartext-signed messages, the signed text (LF line endings); otherwise null.</param>
public sealed record VerificationResult(
    bool Valid,
    string KeyId,
    string? Fingerprint,
    DateTimeOffset? CreatedAt,
    HashAlgorithm Hash,
    int SignatureType,
    string? SignedText = null);
