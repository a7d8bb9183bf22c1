using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Verification.Differential;

/// <summary>Runs Sequoia's <c>sqv</c> on corpus cases from a temporary directory (key, signature and data as files).</summary>
internal sealed class SqvDirectory : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("sqv-");

    /// <summary>True when sqv accepts the signature (exit code 0).</summary>
    public async Task<bool> AcceptsAsync(int index, VerdictCase c)
    {
        var prefix = Path.Combine(_directory, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await File.WriteAllBytesAsync(prefix + ".key", c.PublicKey);
        await File.WriteAllBytesAsync(prefix + ".sig", c.Signature);
        await File.WriteAllBytesAsync(prefix + ".dat", c.Data);
        var result = await ExternalProcess.RunAsync("sqv", ["--keyring", prefix + ".key", prefix + ".sig", prefix + ".dat"]);
        return result.ExitCode == 0;
    }

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);
}
