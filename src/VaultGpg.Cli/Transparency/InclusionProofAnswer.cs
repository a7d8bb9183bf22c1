namespace VaultGpg.Cli.Transparency;

/// <summary>
/// The data of <c>GET log/proof/inclusion</c>: a leaf's RFC 6962 inclusion proof (base64 hashes, sibling first) in the
/// tree of <see cref="TreeSize"/>, and the signed checkpoint when that size is the latest. The monitor can use it to
/// prove a single entry without reading tiles.
/// </summary>
internal sealed record InclusionProofAnswer
{
    public long Index { get; init; }

    public long TreeSize { get; init; }

    public string? LeafHash { get; init; }

    public IReadOnlyList<string>? Proof { get; init; }

    public string? Checkpoint { get; init; }
}
