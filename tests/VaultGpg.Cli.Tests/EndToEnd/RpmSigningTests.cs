using VaultGpg.Cli.Signing;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// rpmsign 4.18 through build/gpg-shim, and vaultgpg rpmsign on a set (natively, and through rpmsign), checked by
/// rpmkeys itself.
/// </summary>
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
    public async Task VaultgpgRpmsign_ViaRpmsign_TwentyPackages_AllVerifyWithRpmkeys()
    {
        var packages = await RpmPackages.BuildAsync(_directory, 20);

        var result = await host.RunVaultgpgAsync(["rpmsign", "--via-rpmsign", "--key", SigningHostFixture.KeyName, "--jobs", "4", .. packages]);

        Assert.True(result.ExitCode == 0, $"vaultgpg rpmsign: {result}\n{host.HostLog}");
        Assert.Contains("signed 20 of 20 files", result.Stderr, StringComparison.Ordinal);
        foreach (var package in packages)
        {
            await AssertHeaderSignatureOkAsync(package);
        }
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys")]
    public async Task VaultgpgRpmsign_Native_TwentyPackagesOneRequest_RpmkeysSaysSignatureAndDigestsOk()
    {
        var packages = await RpmPackages.BuildAsync(_directory, 20);

        var result = await host.RunVaultgpgAsync(["rpmsign", "--key", SigningHostFixture.KeyEmail, .. packages]);

        Assert.True(result.ExitCode == 0, $"vaultgpg rpmsign: {result}\n{host.HostLog}");
        Assert.Contains("signed 20 of 20 files", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 request(s)", result.Stderr, StringComparison.Ordinal);
        foreach (var package in packages)
        {
            await AssertHeaderSignatureOkAsync(package);
        }

        var query = await ExternalProcess.RunAsync("rpm", ["-qp", "--qf", "%{RSAHEADER:pgpsig}", packages[0]]);
        Assert.EndsWith("Key ID " + host.Fingerprint[^16..].ToLowerInvariant(), query.StdoutText, StringComparison.Ordinal);
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys")]
    public async Task VaultgpgRpmsign_NativeAndRpmsignThroughShim_DifferOnlyInSignaturePacket()
    {
        var package = (await RpmPackages.BuildAsync(_directory, 1))[0];
        var viaShim = Path.Combine(_directory, "via-shim.rpm");
        File.Copy(package, viaShim);
        var shim = await host.RunAsync("rpmsign", ["--addsign", "--define", "__gpg " + Artifacts.GpgShim, "--define", "_gpg_name " + SigningHostFixture.KeyName, viaShim]);
        Assert.True(shim.ExitCode == 0, $"rpmsign: {shim}\n{host.HostLog}");

        var native = await host.RunVaultgpgAsync(["rpmsign", "--key", SigningHostFixture.KeyName, package]);

        Assert.True(native.ExitCode == 0, $"vaultgpg rpmsign: {native}\n{host.HostLog}");
        await AssertHeaderSignatureOkAsync(package);
        var a = await Rpm.RpmPackageReader.ReadFileAsync(package, CancellationToken.None);
        var b = await Rpm.RpmPackageReader.ReadFileAsync(viaShim, CancellationToken.None);
        Assert.Equal(new FileInfo(viaShim).Length, new FileInfo(package).Length);
        Assert.True(a.MainHeaderBytes.Span.SequenceEqual(b.MainHeaderBytes.Span), "main headers differ");
        Assert.Equal(
            b.SignatureHeader.Entries.Where(e => e.Tag is not (Rpm.RpmTags.RsaHeader or Rpm.RpmTags.ReservedSpace)).Select(e => Convert.ToHexString(e.Data.Span)),
            a.SignatureHeader.Entries.Where(e => e.Tag is not (Rpm.RpmTags.RsaHeader or Rpm.RpmTags.ReservedSpace)).Select(e => Convert.ToHexString(e.Data.Span)));
        // Same key, class, algorithms and hash: the packets differ in creation time and signature value only.
        var factsA = Assert.Single(SignatureReader.ReadDetached(a.SignatureHeader.Find(Rpm.RpmTags.RsaHeader)!.Data));
        var factsB = Assert.Single(SignatureReader.ReadDetached(b.SignatureHeader.Find(Rpm.RpmTags.RsaHeader)!.Data));
        Assert.Equal(factsB with { CreatedAt = default }, factsA with { CreatedAt = default });
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys")]
    public async Task VaultgpgRpmsign_Native_EcdsaKey_RefusedWithReasonAndPackageUnchanged()
    {
        var package = (await RpmPackages.BuildAsync(_directory, 1))[0];
        var before = await File.ReadAllBytesAsync(package);

        var result = await host.RunVaultgpgAsync(["rpmsign", "--key", SigningHostFixture.P384KeyName, package]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ECDSA keys cannot sign RPMs for rpm 4.18", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(package));
    }

    [GpgFact("rpmbuild", "rpmsign", "rpmkeys")]
    public async Task VaultgpgRpmsign_Native_TamperedPackageInSet_NamedAndUnchangedOthersSigned()
    {
        var packages = await RpmPackages.BuildAsync(_directory, 3);
        var bytes = await File.ReadAllBytesAsync(packages[1]);
        var read = await Rpm.RpmPackageReader.ReadFileAsync(packages[1], CancellationToken.None);
        bytes[read.MainHeaderOffset + read.MainHeaderBytes.Length - 20] ^= 1;
        await File.WriteAllBytesAsync(packages[1], bytes);

        var result = await host.RunVaultgpgAsync(["rpmsign", "--key", SigningHostFixture.KeyName, .. packages]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"FAILED {packages[1]}: header digest mismatch", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(packages[1]));
        await AssertHeaderSignatureOkAsync(packages[0]);
        await AssertHeaderSignatureOkAsync(packages[2]);
    }

    private async Task AssertHeaderSignatureOkAsync(string package)
    {
        var check = await _keyring.RunAsync(["--checksig", "-v", package]);
        var output = check.StdoutText;
        Assert.True(check.ExitCode == 0, $"{package}: {check} {output}");
        Assert.Contains($"Header V4 RSA/SHA256 Signature, key ID {host.Fingerprint[^8..].ToLowerInvariant()}: OK", output, StringComparison.Ordinal);
        Assert.Contains("Header SHA256 digest: OK", output, StringComparison.Ordinal);
        Assert.Contains("Payload SHA256 digest: OK", output, StringComparison.Ordinal);
    }
}
