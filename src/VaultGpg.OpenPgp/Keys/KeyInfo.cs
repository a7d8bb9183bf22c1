namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Facts about a transferable key for reading and display at one instant, <see cref="EvaluatedAt"/>: expiry and
/// revocation flags, capabilities and the chosen signing key hold for that instant only
/// (<see cref="OpenPgpKey.DescribeAt"/> gives them for another).
/// </summary>
/// <param name="Fingerprint">Primary key fingerprint, 40 upper-case hex digits.</param>
/// <param name="KeyId">Primary key ID, 16 upper-case hex digits.</param>
/// <param name="Algorithm">Primary key algorithm name as gpg prints it: RSA, DSA, ECDSA, EdDSA.</param>
/// <param name="Bits">Primary key size in bits.</param>
/// <param name="Curve">GnuPG's curve name for ECC primary keys, else null.</param>
/// <param name="CreatedAt">Primary key creation time.</param>
/// <param name="ExpiresAt">Primary key expiry, null when it never expires.</param>
/// <param name="Usage">Capabilities of the primary key from its self-signature.</param>
/// <param name="IsRevoked">The primary key is revoked.</param>
/// <param name="IsExpired">The primary key had expired at <paramref name="EvaluatedAt"/>.</param>
/// <param name="UserIds">User IDs with a valid, unrevoked self-certification, primary user ID first.</param>
/// <param name="Subkeys">All subkeys, bound or not, in key order.</param>
/// <param name="SigningKeyId">Key ID of the key that signs (a subkey or the primary), null when none can.</param>
/// <param name="SigningKeyFingerprint">Fingerprint of that key.</param>
/// <param name="HasSecretKey">False for a verify-only (public) key.</param>
/// <param name="EvaluatedAt">When validity and the signing key were evaluated.</param>
/// <param name="RevokedAt">When the primary key was revoked, null when it is not.</param>
/// <param name="RevocationReason">The revocation's reason as gpg words it ("key has been compromised", ...), null when not revoked.</param>
/// <param name="RevocationText">The revocation's own explanation, null when absent.</param>
/// <param name="CanDecrypt">An encryption key with its secret part is present (gpg decrypts with it even when expired or revoked).</param>
/// <param name="CannotSignReason">Why no key can sign at <paramref name="EvaluatedAt"/>, null when one can.</param>
/// <param name="IsBound">The primary key has a self-signature in force (gpg's "valid" flag).</param>
public sealed record KeyInfo(
    string Fingerprint,
    string KeyId,
    string Algorithm,
    int Bits,
    string? Curve,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    KeyUsage Usage,
    bool IsRevoked,
    bool IsExpired,
    IReadOnlyList<string> UserIds,
    IReadOnlyList<SubkeyInfo> Subkeys,
    string? SigningKeyId,
    string? SigningKeyFingerprint,
    bool HasSecretKey,
    DateTimeOffset EvaluatedAt,
    DateTimeOffset? RevokedAt = null,
    string? RevocationReason = null,
    string? RevocationText = null,
    bool CanDecrypt = false,
    string? CannotSignReason = null,
    bool IsBound = true)
{
    /// <summary>Whether a key can sign at <see cref="EvaluatedAt"/>.</summary>
    public bool CanSign => SigningKeyId is not null;

    /// <summary>Bound, not revoked and not expired at <see cref="EvaluatedAt"/>.</summary>
    public bool IsValid => IsBound && !IsRevoked && !IsExpired;

    /// <summary>The primary user ID, or null when the key has none that is valid.</summary>
    public string? PrimaryUserId => UserIds.Count > 0 ? UserIds[0] : null;

    /// <summary>The subkey whose key ID (16 hex digits) or fingerprint is <paramref name="keyIdOrFingerprint"/>, in any
    /// case; null when there is none.</summary>
    public SubkeyInfo? FindSubkey(string keyIdOrFingerprint)
    {
        ArgumentNullException.ThrowIfNull(keyIdOrFingerprint);
        var wanted = keyIdOrFingerprint.Trim();
        return Subkeys.FirstOrDefault(s =>
            string.Equals(s.KeyId, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Fingerprint, wanted, StringComparison.OrdinalIgnoreCase));
    }
}
