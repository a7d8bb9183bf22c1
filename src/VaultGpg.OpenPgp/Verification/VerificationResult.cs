namespace VaultGpg.OpenPgp.Verification;

/// <summary>
/// The verdict on a signature checked against a key, as <c>gpg --verify</c> with the key imported would give it
/// (see <see cref="VerificationStatus"/>). <see cref="Valid"/> is true only for <see cref="VerificationStatus.Good"/>.
/// </summary>
public sealed record VerificationResult
{
    /// <summary>True only when gpg would print GOODSIG (and the hash is not SHA-1: <see cref="VerificationStatus.WeakHash"/>).</summary>
    public bool Valid => Status == VerificationStatus.Good;

    /// <summary>What gpg's status line would say.</summary>
    public required VerificationStatus Status { get; init; }

    /// <summary>One sentence for people: why the signature is (not) valid, with the times that matter.</summary>
    public required string Reason { get; init; }

    /// <summary>The issuer key ID, 16 upper-case hex digits as gpg prints it; null when the signature could not be read.</summary>
    public string? KeyId { get; init; }

    /// <summary>The issuer fingerprint (40 upper-case hex digits) when the signature or the key names it.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>The signature creation time from the hashed subpackets.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The digest algorithm when it is a SHA-2 one; null otherwise (see <see cref="HashAlgorithmId"/>).</summary>
    public HashAlgorithm? Hash { get; init; }

    /// <summary>The RFC 4880 id of the digest algorithm (1 MD5, 2 SHA-1, 3 RIPEMD-160, 8–11 SHA-2); 0 when unread.</summary>
    public int HashAlgorithmId { get; init; }

    /// <summary>0x00 for binary, 0x01 for text documents; other values give <see cref="VerificationStatus.WrongSignatureType"/>.</summary>
    public int SignatureType { get; init; }

    /// <summary>When the signature's own expiration time is (or was); null when it never expires.</summary>
    public DateTimeOffset? SignatureExpiresAt { get; init; }

    /// <summary>When the signing key (or, if sooner, its primary key) expires or expired; null when it never expires or is unknown.</summary>
    public DateTimeOffset? KeyExpiresAt { get; init; }

    /// <summary>The revocation of the signing key or its primary key, when there is one.</summary>
    public KeyRevocation? Revocation { get; init; }

    /// <summary>For cleartext-signed messages, the signed text (LF line endings); otherwise null. This, not the
    /// message, is what a valid signature covers.</summary>
    public string? SignedText { get; init; }

    /// <summary>For cleartext-signed messages: true when the message holds text before its BEGIN PGP SIGNED MESSAGE
    /// line or after the signature's END line. gpg ignores such text silently and still says GOODSIG (so
    /// <see cref="Valid"/> does too), but nothing vouches for it: read <see cref="SignedText"/>, never the message.</summary>
    public bool HasUnsignedText { get; init; }
}
