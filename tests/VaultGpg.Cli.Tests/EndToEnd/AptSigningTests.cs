using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>An apt Release file signed through the shim as repository scripts do; gpgv (what apt runs) is the judge.</summary>
[Collection(SigningHostCollection.Name)]
public sealed class AptSigningTests(SigningHostFixture host) : IDisposable
{
    private const string Release = """
        Origin: VaultGpg
        Label: VaultGpg test repository
        Suite: stable
        Codename: test
        Date: Tue, 25 Nov 2026 10:00:00 UTC
        Architectures: amd64
        Components: main
        SHA256:
         3b0c8b8e3e5e1a4f0c3b0d6f0e4c7a9d1f2e3d4c5b6a7980f1e2d3c4b5a69788 1234 main/binary-amd64/Packages
        -----this line starts with dashes and must be dash-escaped
        """;

    private readonly string _directory = TemporaryDirectory.CreateShort("vga-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [GpgFact("gpgv")]
    public async Task AptRelease_ClearsignedAndDetachedThroughShim_GpgvAcceptsBoth()
    {
        // Arrange
        var release = Path.Combine(_directory, "Release");
        await File.WriteAllTextAsync(release, Release + "\n");

        // Act: the two calls apt repository scripts make (reprepro-style flags, key by ID).
        var keyId = host.Fingerprint[^16..];
        var inRelease = await host.RunAsync(Artifacts.GpgShim, ["--batch", "--yes", "--local-user", keyId, "--digest-algo", "SHA256", "--clearsign", "-o", "InRelease", "Release"], null, null, _directory);
        var releaseGpg = await host.RunAsync(Artifacts.GpgShim, ["--batch", "--yes", "-u", keyId, "-abs", "-o", "Release.gpg", "Release"], null, null, _directory);

        // Assert
        Assert.True(inRelease.ExitCode == 0, $"--clearsign: {inRelease}");
        Assert.True(releaseGpg.ExitCode == 0, $"-abs: {releaseGpg}");
        var checkInRelease = await ExternalProcess.RunAsync("gpgv", ["--keyring", host.Keyring, Path.Combine(_directory, "InRelease")]);
        Assert.True(checkInRelease.ExitCode == 0, $"gpgv InRelease: {checkInRelease}");
        var checkDetached = await ExternalProcess.RunAsync("gpgv", ["--keyring", host.Keyring, Path.Combine(_directory, "Release.gpg"), release]);
        Assert.True(checkDetached.ExitCode == 0, $"gpgv Release.gpg Release: {checkDetached}");
        Assert.StartsWith("-----BEGIN PGP SIGNATURE-----", await File.ReadAllTextAsync(Path.Combine(_directory, "Release.gpg")), StringComparison.Ordinal);
    }

    [GpgFact("gpgv")]
    public async Task AptRelease_ChangedAfterSigning_GpgvRejectsDetachedSignature()
    {
        var release = Path.Combine(_directory, "Release");
        await File.WriteAllTextAsync(release, Release + "\n");
        var signed = await host.RunAsync(Artifacts.GpgShim, ["-u", SigningHostFixture.KeyName, "-abs", "-o", "Release.gpg", "Release"], null, null, _directory);
        Assert.True(signed.ExitCode == 0, $"-abs: {signed}");
        await File.AppendAllTextAsync(release, "Extra: field\n");

        var check = await ExternalProcess.RunAsync("gpgv", ["--keyring", host.Keyring, Path.Combine(_directory, "Release.gpg"), release]);

        Assert.NotEqual(0, check.ExitCode);
    }
}
