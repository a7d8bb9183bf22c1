namespace VaultGpg.Cli.Vault;

/// <summary>The data of <c>GET export-public/:name?wkd_domain=D</c>: the WKD file content and where it goes.</summary>
internal sealed record WkdExport(string? Name, string? Fingerprint, string? WkdKey, IReadOnlyList<WkdFile>? Wkd);
