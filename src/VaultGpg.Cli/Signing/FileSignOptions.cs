using VaultGpg.OpenPgp;

namespace VaultGpg.Cli.Signing;

/// <summary>Settings of one <c>vaultgpg sign</c> run.</summary>
internal sealed record FileSignOptions
{
    public required string Key { get; init; }

    public bool Armor { get; init; }

    /// <summary>Where signatures go; null means next to each file.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Requests in flight at once (each a batch).</summary>
    public int Jobs { get; init; } = 4;

    public HashAlgorithm Hash { get; init; } = DigestNames.Default;

    /// <summary>Ask for each signature's tlog-proof and write it beside the signature as SIG.tlog-proof.</summary>
    public bool LogProof { get; init; }

    /// <summary>Files larger than this are hashed locally and signed by hash state.</summary>
    public long HashThreshold { get; init; } = InputPreparation.DefaultHashThreshold;

    /// <summary>Inline bytes per request, kept well under Vault's 32 MiB max_request_size after base64.</summary>
    public long MaxBatchBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The engine accepts at most 5000 items per batch.</summary>
    public int MaxBatchItems { get; init; } = 5000;
}
