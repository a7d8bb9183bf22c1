namespace VaultGpg.Cli.Vault;

/// <summary>One item of a batch verify request.</summary>
internal sealed record VerifyBatchItem(string? Input, string? Signature, string? SignedMessage, string Reference);
