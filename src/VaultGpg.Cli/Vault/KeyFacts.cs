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
}
