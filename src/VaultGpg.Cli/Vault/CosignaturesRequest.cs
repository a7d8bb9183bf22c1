namespace VaultGpg.Cli.Vault;

/// <summary>The body of <c>log/cosignatures</c>: the log's checkpoint with the witnesses' cosignature lines added.</summary>
internal sealed record CosignaturesRequest(string Checkpoint);
