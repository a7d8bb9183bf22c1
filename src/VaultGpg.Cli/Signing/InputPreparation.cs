using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;

namespace VaultGpg.Cli.Signing;

/// <summary>
/// How a file travels to Vault: small ones as base64 input, larger ones as the exported state of a local SHA-2 over
/// the whole file (Vault appends the signature trailer and finishes the hash itself; see HASH-STATE.md).
/// </summary>
internal static class InputPreparation
{
    /// <summary>
    /// Above this size a file is hashed locally. Local SHA-2 runs at OpenSSL's speed (tests/VaultGpg.Benchmarks/RESULTS.md,
    /// "Resumable SHA-2"), while sending costs base64, JSON and two hops; the bench (README) shows hashing wins from a
    /// few KiB, so only small files are sent.
    /// </summary>
    public const long DefaultHashThreshold = 64 * 1024;

    public static async Task<string> HashStateAsync(Stream stream, HashAlgorithm algorithm, CancellationToken cancellationToken)
    {
        var hash = ResumableHash.Create(algorithm);
        await hash.AppendAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToBase64String(hash.ExportState());
    }
}
