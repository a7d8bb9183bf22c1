namespace VaultGpg.Cli.Vault;

/// <summary>The answer of <c>keys/:name/attest</c>: the document's SHA-256, the builders whose signature counted, and
/// the artifacts it vouches for.</summary>
internal sealed record AttestResult
{
    public string? Attestation { get; init; }

    public string? Format { get; init; }

    public IReadOnlyList<string>? Builders { get; init; }

    public IReadOnlyList<AttestedArtifact>? Artifacts { get; init; }
}
