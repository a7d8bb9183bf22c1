namespace VaultGpg.Cli.Vault;

/// <summary>The answer of <c>log/cosignatures</c>: the checkpoint as the mount keeps it (the lines of configured witnesses that verify).</summary>
internal sealed record CosignedCheckpoint(string? Checkpoint);
