namespace VaultGpg.Cli.Vault;

/// <summary>Body of <c>POST verify/:name</c>.</summary>
internal sealed record VerifyRequest
{
    public string? Input { get; init; }

    public string? Signature { get; init; }

    public string? SignedMessage { get; init; }

    public string? Format { get; init; }

    public IReadOnlyList<VerifyBatchItem>? BatchInput { get; init; }
}
