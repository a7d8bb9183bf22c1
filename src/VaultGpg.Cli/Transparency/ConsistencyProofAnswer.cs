namespace VaultGpg.Cli.Transparency;

/// <summary>
/// The data of <c>GET log/proof/consistency</c>: the RFC 6962 proof (base64 hashes) that the tree of
/// <see cref="OldSize"/> is a prefix of the tree of <see cref="NewSize"/>, and the signed checkpoint when the new size
/// is the latest. The monitor can use it to check a new checkpoint against the last one it saw without reading tiles.
/// </summary>
internal sealed record ConsistencyProofAnswer
{
    public long OldSize { get; init; }

    public long NewSize { get; init; }

    public IReadOnlyList<string>? Proof { get; init; }

    public string? Checkpoint { get; init; }
}
