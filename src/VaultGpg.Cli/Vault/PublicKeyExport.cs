namespace VaultGpg.Cli.Vault;

/// <summary>The data of <c>GET export-public/:name</c>.</summary>
internal sealed record PublicKeyExport(string? Name, string? Fingerprint, string? PublicKey);
