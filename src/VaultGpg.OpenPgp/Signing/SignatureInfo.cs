namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// What a version 4 signature packet says about itself (RFC 4880 §5.2.3), as gpg's SIG_CREATED and VALIDSIG status
/// lines report it. Read from the packet, never checked: nothing here says the signature is good.
/// </summary>
/// <param name="SignatureType">The signature class: 0x00 binary document, 0x01 canonical text, ...</param>
/// <param name="PublicKeyAlgorithm">The public-key algorithm id (1 RSA, 19 ECDSA, 22 EdDSA, ...).</param>
/// <param name="HashAlgorithm">The hash algorithm id (8 SHA-256, 9 SHA-384, 10 SHA-512, ...).</param>
/// <param name="CreatedAt">The creation time from the hashed area.</param>
/// <param name="IssuerKeyId">The issuer key ID, 16 upper-case hex digits, null when the packet names none.</param>
/// <param name="IssuerFingerprint">The issuer fingerprint, 40 upper-case hex digits, null when absent.</param>
public sealed record SignatureInfo(
    int SignatureType,
    int PublicKeyAlgorithm,
    int HashAlgorithm,
    DateTimeOffset CreatedAt,
    string? IssuerKeyId,
    string? IssuerFingerprint);
