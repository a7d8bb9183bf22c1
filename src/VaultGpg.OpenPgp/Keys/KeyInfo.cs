namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Facts about a transferable key for reading and display. Expiry and revocation flags and the chosen signing key
/// are evaluated once, when the key is loaded, at <see cref="EvaluatedAt"/>.
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
/// <param name="EvaluatedAt">When validity and the signing key were evaluated (load time).</param>
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
    DateTimeOffset EvaluatedAt)
{
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
