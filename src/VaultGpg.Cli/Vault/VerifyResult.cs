namespace VaultGpg.Cli.Vault;

/// <summary>What Vault says about one signature.</summary>
internal sealed record VerifyResult
{
    public bool Valid { get; init; }

    /// <summary>The verdict as gpg would give it (good, bad, expired_key, revoked_key, ...); see API.md.</summary>
    public string? Status { get; init; }

    /// <summary>Why, in one sentence.</summary>
    public string? Reason { get; init; }

    public string? KeyId { get; init; }

    public string? CreatedAt { get; init; }

    public string? Hash { get; init; }

    public string? Reference { get; init; }

    public string? Error { get; init; }
}
