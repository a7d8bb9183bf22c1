using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>rpmsign 4.18 through build/gpg-shim, and vaultgpg rpmsign on a set, checked by rpmkeys itself.</summary>
[Collection(SigningHostCollection.Name)]
public sealed class RpmSigningTests(SigningHostFixture host) : IAsyncLifetime
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vgr-");
    private RpmKeyring _keyring = null!;

    public async Task InitializeAsync()
    {
        _keyring = RpmKeyring.Create();
        var imported = await _keyring.ImportAsync(host.PublicKey);
        Assert.True(imported.ExitCode == 0, $"rpmkeys --import: {imported}");
    }

    public async Task DisposeAsync()
    {
        await _keyring.DisposeAsync();
        TemporaryDirectory.DeleteQuietly(_directory);
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys")]
    public async Task Rpmsign_ThroughShim_RpmkeysAcceptsAndRejectsTamperedCopy()
    {
        // Arrange: the README's macros, verbatim in spirit: %__gpg is the shim, %_gpg_name the key's e-mail.
        var package = (await RpmPackages.BuildAsync(_directory, 1))[0];

        // Act
        var signed = await host.RunAsync("rpmsign", ["--addsign", "--define", "__gpg " + Artifacts.GpgShim, "--define", "_gpg_name " + SigningHostFixture.KeyEmail, package]);

        // Assert
        Assert.True(signed.ExitCode == 0, $"rpmsign: {signed}\n{host.HostLog}");
        var check = await _keyring.CheckSignatureAsync(package);
        Assert.True(check.ExitCode == 0, $"rpmkeys --checksig: {check} {check.StdoutText}");
        Assert.Contains("signatures OK", check.StdoutText, StringComparison.Ordinal);

        var tampered = Path.Combine(_directory, "tampered.rpm");
        var bytes = await File.ReadAllBytesAsync(package);
        bytes[^10] ^= 0x55;
        await File.WriteAllBytesAsync(tampered, bytes);
        var tamperedCheck = await _keyring.CheckSignatureAsync(tampered);
        Assert.NotEqual(0, tamperedCheck.ExitCode);
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys")]
    public async Task Rpmsign_UnsignedPackage_RpmkeysDoesNotAcceptIt()
    {
        // The control for the test above: without the signature rpmkeys must not say "signatures OK".
        var package = (await RpmPackages.BuildAsync(_directory, 1))[0];

        var check = await _keyring.RunAsync(["--checksig", "--define", "_pkgverify_level signature", package]);

        Assert.NotEqual(0, check.ExitCode);
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys")]
    public async Task VaultgpgRpmsign_TwentyPackages_AllVerifyWithRpmkeys()
    {
        var packages = await RpmPackages.BuildAsync(_directory, 20);

        var result = await host.RunVaultgpgAsync(["rpmsign", "--key", SigningHostFixture.KeyName, "--jobs", "4", .. packages]);

        Assert.True(result.ExitCode == 0, $"vaultgpg rpmsign: {result}\n{host.HostLog}");
        Assert.Contains("signed 20 of 20 files", result.Stderr, StringComparison.Ordinal);
        foreach (var package in packages)
        {
            var check = await _keyring.CheckSignatureAsync(package);
            Assert.True(check.ExitCode == 0 && check.StdoutText.Contains("signatures OK", StringComparison.Ordinal), $"{package}: {check} {check.StdoutText}");
        }
    }
}
