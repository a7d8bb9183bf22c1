namespace VaultGpg.Cli.Vault;

/// <summary>The data of <c>LIST keys/</c>.</summary>
internal sealed record KeyList(IReadOnlyList<string>? Keys);
