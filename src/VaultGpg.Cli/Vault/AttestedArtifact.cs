namespace VaultGpg.Cli.Vault;

/// <summary>One artifact of an attestation as Vault recorded it.</summary>
internal sealed record AttestedArtifact(string? Name, string? Sha256, string? Sha512);
