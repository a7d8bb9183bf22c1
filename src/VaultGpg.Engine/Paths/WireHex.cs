using System.Diagnostics.CodeAnalysis;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// Fingerprints and key IDs as every answer writes them: lower-case hex, as the Go plugin writes fingerprints
/// (Go's hex.EncodeToString), so that scripts written against it keep matching. Key IDs follow the same case (the Go
/// plugin answers none). OpenPgp's KeyInfo keeps gpg's upper case; inputs accept either case.
/// </summary>
internal static class WireHex
{
    [return: NotNullIfNotNull(nameof(hex))]
    public static string? Lower(string? hex) => hex?.ToLowerInvariant();
}
