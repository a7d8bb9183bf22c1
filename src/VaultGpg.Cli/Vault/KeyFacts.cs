using VaultGpg.OpenPgp;

namespace VaultGpg.Cli.Vault;

/// <summary>The data of <c>GET keys/:name</c>.</summary>
internal sealed record KeyFacts
{
    public string? Name { get; init; }

    public string? Fingerprint { get; init; }

    public string? KeyId { get; init; }

    public string? KeyType { get; init; }

    public int? KeyBits { get; init; }

    public string? Curve { get; init; }

    public string? CreatedAt { get; init; }

    public string? ExpiresAt { get; init; }

    public IReadOnlyList<string>? UserIds { get; init; }

    public IReadOnlyList<SubkeyFacts>? Subkeys { get; init; }

    public string? SigningKeyId { get; init; }

    public string? SigningKeyFingerprint { get; init; }

    public string? PublicKey { get; init; }

    public bool Exportable { get; init; }

    public bool DeletionAllowed { get; init; }

    public bool Imported { get; init; }

    /// <summary>
    /// The hash gpg 2.2 picks for this key's signing key when no <c>--digest-algo</c> is given (g10/sign.c, hash_for):
    /// for ECDSA the smallest SHA-2 at least as long as the curve's order (match_dsa_hash: P-256 SHA-256, P-384
    /// SHA-384, P-521 SHA-512), SHA-512 for Ed448, SHA-256 for everything else.
    /// </summary>
    public HashAlgorithm GpgDefaultHash()
    {
        var signing = (Subkeys ?? []).FirstOrDefault(s =>
            SigningKeyFingerprint is not null && string.Equals(s.Fingerprint, SigningKeyFingerprint, StringComparison.OrdinalIgnoreCase));
        return (signing is null ? Curve : signing.Curve) switch
        {
            "nistp384" or "brainpoolP384r1" => HashAlgorithm.Sha384,
            "nistp521" or "brainpoolP512r1" or "ed448" => HashAlgorithm.Sha512,
            _ => HashAlgorithm.Sha256,
        };
    }
}
