namespace VaultGpg.Cli.Vault;

/// <summary>Vault's JSON envelope: the data of a success, or the messages of an error.</summary>
internal sealed record VaultResponse<T>(T? Data, IReadOnlyList<string>? Errors, IReadOnlyList<string>? Warnings);
