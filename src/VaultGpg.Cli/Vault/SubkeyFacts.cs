namespace VaultGpg.Cli.Vault;

/// <summary>One subkey in <see cref="KeyFacts.Subkeys"/>.</summary>
internal sealed record SubkeyFacts
{
    public string? Fingerprint { get; init; }

    public string? KeyId { get; init; }

    public string? Algorithm { get; init; }

    public int? KeyBits { get; init; }

    public string? Curve { get; init; }

    public IReadOnlyList<string>? Capabilities { get; init; }

    public string? CreatedAt { get; init; }

    public string? ExpiresAt { get; init; }

    public bool Revoked { get; init; }

    public bool Expired { get; init; }

    public bool Valid { get; init; }
}
