namespace VaultGpg.Cli.Vault;

/// <summary>One item of a batch sign request; <see cref="Reference"/> comes back in its result.</summary>
internal sealed record SignBatchItem(string? Input, string? HashState, string Reference);
