namespace VaultGpg.Cli.Vault;

/// <summary>The data of a batch sign or verify answer: one result per item, in input order.</summary>
internal sealed record BatchResponse<T>(IReadOnlyList<T>? BatchResults);
