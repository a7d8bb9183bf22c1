namespace VaultGpg.OpenPgp.Keys;

/// <summary>Facts about one subkey. Validity flags are as of <see cref="KeyInfo.EvaluatedAt"/> (a revoked or expired
/// primary key makes its subkeys revoked or expired too, as gpg shows them).</summary>
/// <param name="Fingerprint">40 upper-case hex digits (v4).</param>
/// <param name="KeyId">The low 64 bits of the fingerprint, 16 upper-case hex digits.</param>
/// <param name="Algorithm">Algorithm name as gpg prints it: RSA, DSA, ECDSA, EdDSA, ECDH, ElGamal.</param>
/// <param name="Bits">Key size in bits (RSA modulus, DSA p, curve size for ECC).</param>
/// <param name="Curve">GnuPG's curve name (ed25519, cv25519, nistp256, nistp384, …), null for RSA/DSA/ElGamal.</param>
/// <param name="CreatedAt">Subkey creation time.</param>
/// <param name="ExpiresAt">Subkey expiry from its binding signature, null when it never expires.</param>
/// <param name="Usage">Capabilities from the binding signature's key flags.</param>
/// <param name="IsBound">Whether a valid binding signature from the primary key exists (and, for signing subkeys, a valid back-signature).</param>
/// <param name="IsRevoked">A valid revocation by the primary key exists.</param>
/// <param name="IsExpired">The subkey had expired at evaluation time.</param>
/// <param name="HasSecretKey">Whether the secret part is present (false for gpg's offline stubs and public keys).</param>
/// <param name="RevokedAt">When it (or the primary key) was revoked, null when not revoked.</param>
/// <param name="RevocationReason">The revocation's reason as gpg words it, null when not revoked.</param>
/// <param name="RevocationText">The revocation's own explanation, null when absent.</param>
public sealed record SubkeyInfo(
    string Fingerprint,
    string KeyId,
    string Algorithm,
    int Bits,
    string? Curve,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    KeyUsage Usage,
    bool IsBound,
    bool IsRevoked,
    bool IsExpired,
    bool HasSecretKey,
    DateTimeOffset? RevokedAt = null,
    string? RevocationReason = null,
    string? RevocationText = null)
{
    /// <summary>Bound, not revoked and not expired: gpg would use this subkey.</summary>
    public bool IsValid => IsBound && !IsRevoked && !IsExpired;
}
