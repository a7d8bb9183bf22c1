namespace VaultGpg.Cli.Signing;

/// <summary>What happened to one file: its signature's path, or why there is none.</summary>
internal sealed record FileSignOutcome(string File, long Bytes, string? SignaturePath, string? Error)
{
    public bool Succeeded => Error is null;
}
