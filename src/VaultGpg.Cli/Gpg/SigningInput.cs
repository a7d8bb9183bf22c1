namespace VaultGpg.Cli.Gpg;

/// <summary>What one gpg-mode call signs: the bytes, or a big file that is hashed here (one of the two is set).</summary>
internal sealed record SigningInput(byte[]? Bytes, string? BigFile);
