namespace VaultGpg.Cli.Vault;

/// <summary>One address of a WKD entry: its hashed local part and the file paths of both methods, relative to the served directory.</summary>
internal sealed record WkdFile(string? UserId, string? Address, string? Hash, string? AdvancedPath, string? DirectPath);
