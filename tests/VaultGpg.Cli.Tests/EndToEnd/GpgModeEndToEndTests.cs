using System.Text;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// build/gpg-shim driven the way scripts drive gpg (passphrase options, several -u, no --digest-algo) against the dev
/// host; the real gpg judges every signature, and was first asked what it does with the same command lines (gpg 2.2.40:
/// --passphrase-fd 0 takes the first stdin line with or without loopback; -u A -u B writes A's then B's signature in
/// one stream, one armor block; P-384 without --digest-algo signs with SHA-384, P-521 with SHA-512).
/// </summary>
[Collection(SigningHostCollection.Name)]
public sealed class GpgModeEndToEndTests(SigningHostFixture host) : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vgm-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [GpgFact]
    public async Task Shim_PassphraseFd0_GpgVerifiesTheDataAfterThePassphraseLineOnly()
    {
        // Arrange
        var data = Encoding.ASCII.GetBytes("release notes\nversion 1.2.3\n");
        var stdin = Encoding.ASCII.GetBytes("hunter2-passphrase\n").Concat(data).ToArray();
        var signature = Path.Combine(_directory, "notes.sig");

        // Act
        var result = await host.RunAsync(Artifacts.GpgShim,
            ["--batch", "--pinentry-mode", "loopback", "--passphrase-fd", "0", "-u", SigningHostFixture.KeyName, "-sbo", signature, "--", "-"], stdin);

        // Assert: good over the data, bad over the data with the passphrase line; the passphrase is in no log.
        Assert.True(result.ExitCode == 0, $"shim: {result}\n{host.HostLog}");
        Assert.True((await VerifyAsync(signature, data)).IsGood);
        Assert.True((await VerifyAsync(signature, stdin)).Has("BADSIG"));
        Assert.DoesNotContain("hunter2", host.HostLog + result.Stderr + result.StdoutText, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Shim_TwoLocalUsersArmored_GpgFindsTwoGoodSignaturesInCommandLineOrder()
    {
        var data = Encoding.ASCII.GetBytes("two signers\n");
        var signature = Path.Combine(_directory, "two.asc");

        var result = await host.RunAsync(Artifacts.GpgShim,
            ["-u", SigningHostFixture.P384KeyName, "-u", SigningHostFixture.KeyName, "-sbao", signature], data);

        Assert.True(result.ExitCode == 0, $"shim: {result}\n{host.HostLog}");
        var armored = await File.ReadAllTextAsync(signature);
        Assert.Single(armored.Split("-----BEGIN PGP SIGNATURE-----")[1..]);
        var verified = await VerifyAsync(signature, data);
        Assert.True(verified.IsGood, verified.ToString());
        var valid = verified.StatusOf("VALIDSIG").Select(s => s.Arguments[0]).ToList();
        Assert.Equal([host.P384Fingerprint.ToUpperInvariant(), host.Fingerprint.ToUpperInvariant()], valid);
    }

    [GpgFact]
    public async Task Shim_P384KeyWithoutDigestAlgo_SignsWithSha384AsGpgWould()
    {
        var data = Encoding.ASCII.GetBytes("p-384\n");
        var signature = Path.Combine(_directory, "p384.sig");

        var result = await host.RunAsync(Artifacts.GpgShim, ["--status-fd=2", "-bsu", SigningHostFixture.P384KeyName, "-o", signature], data);

        Assert.True(result.ExitCode == 0, $"shim: {result}\n{host.HostLog}");
        var verified = await VerifyAsync(signature, data);
        Assert.True(verified.IsGood, verified.ToString());
        var validsig = Assert.Single(verified.StatusOf("VALIDSIG"));
        Assert.Equal("9", validsig.Arguments[7]); // VALIDSIG fpr date ts expire version reserved pk-algo hash-algo: SHA-384
        Assert.Contains("[GNUPG:] SIG_CREATED D 19 9 00 ", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<GpgResult> VerifyAsync(string signature, byte[] data)
    {
        var dataFile = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(dataFile, data);
        return await host.Gpg.RunAsync(["--verify", signature, dataFile]);
    }
}
