using VaultGpg.TestSupport;

namespace VaultGpg.Rpm.Tests;

/// <summary>A temporary rpm database with the fixture's public keys imported, and rpm's verdicts on packages.</summary>
internal sealed class RpmKeys : IAsyncDisposable
{
    private readonly RpmKeyring _keyring;

    private RpmKeys(RpmKeyring keyring) => _keyring = keyring;

    public string DatabasePath => _keyring.Directory;

    public static async Task<RpmKeys> CreateAsync(PackageFixture fixture, params string[] fingerprints)
    {
        var keyring = RpmKeyring.Create();
        foreach (var fingerprint in fingerprints)
        {
            var imported = await keyring.ImportAsync(await fixture.Gpg.ExportPublicKeyAsync(fingerprint));
            Assert.True(imported.ExitCode == 0, $"rpmkeys --import: {imported}");
        }

        return new RpmKeys(keyring);
    }

    /// <summary><c>rpmkeys --checksig -v</c>: exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output)> CheckAsync(string package)
    {
        var result = await _keyring.RunAsync(["--checksig", "-v", package]);
        return (result.ExitCode, result.StdoutText + result.Stderr);
    }

    /// <summary>Asserts that rpmkeys says the header signature by <paramref name="keyId"/> and every digest are OK.</summary>
    public async Task AssertSignedAsync(string package, string algorithm, string keyId)
    {
        var (exit, output) = await CheckAsync(package);
        Assert.True(exit == 0, $"rpmkeys --checksig -v {package}: exit {exit}\n{output}");
        Assert.Contains($"Header V4 {algorithm}/SHA256 Signature, key ID {keyId.ToLowerInvariant()}: OK", output, StringComparison.Ordinal);
        Assert.Contains("Header SHA256 digest: OK", output, StringComparison.Ordinal);
        Assert.Contains("Header SHA1 digest: OK", output, StringComparison.Ordinal);
        Assert.Contains("Payload SHA256 digest: OK", output, StringComparison.Ordinal);
        Assert.DoesNotContain("BAD", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NOKEY", output, StringComparison.Ordinal);
    }

    public Task<ProcessResult> RpmAsync(params string[] arguments) =>
        ExternalProcess.RunAsync("rpm", ["--dbpath", DatabasePath, .. arguments], timeout: TimeSpan.FromSeconds(120));

    public ValueTask DisposeAsync() => _keyring.DisposeAsync();
}
