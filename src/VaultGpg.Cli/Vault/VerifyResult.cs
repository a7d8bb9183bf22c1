namespace VaultGpg.Cli.Vault;

/// <summary>What Vault says about one signature.</summary>
internal sealed record VerifyResult
{
    public bool Valid { get; init; }

    public string? KeyId { get; init; }

    public string? CreatedAt { get; init; }

    public string? Hash { get; init; }

    public string? Reference { get; init; }

    public string? Error { get; init; }
}
