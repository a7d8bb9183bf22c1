using System.Net;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.Commands;

public sealed class RpmSignCommandTests : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vgp-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [Fact]
    public async Task RpmSign_OnePackageRefused_ItAloneFailsNamedAndOthersSigned()
    {
        // Arrange: a stand-in rpmsign that logs its arguments and refuses any package named *bad*.
        var log = Path.Combine(_directory, "calls.log");
        var fake = Path.Combine(_directory, "fake-rpmsign");
        await File.WriteAllTextAsync(fake, $"""
            #!/bin/sh
            echo "$*" >> '{log}'
            for a in "$@"; do case "$a" in *bad*) echo "$a:"; echo "error: $a: gpg exec failed (2)" >&2; exit 1;; esac; done
            exit 0
            """.Replace("\r", "", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        var packages = new[] { "a.rpm", "b.rpm", "bad.rpm", "c.rpm", "d.rpm" }.Select(p => Path.Combine(_directory, p)).ToArray();
        var cli = new TestCli();
        cli.Vault.Respond = request => request.Path == "/v1/gpg/keys/release"
            ? FakeVault.Data(FakeKeys.Facts("release"))
            : (HttpStatusCode.NotFound, null);

        // Act
        var exit = await cli.RunAsync(["rpmsign", "--via-rpmsign", "--key", "release", "--jobs", "1", "--rpmsign", fake, "--gpg-program", "/opt/shim", .. packages]);

        // Assert
        Assert.Equal(1, exit);
        // rpmsign's own words, stderr then stdout, on the package's line.
        Assert.Contains($"FAILED {packages[2]}: rpmsign exited 1: error: {packages[2]}: gpg exec failed (2) | {packages[2]}:\n", cli.Error, StringComparison.Ordinal);
        Assert.Contains("signed 4 of 5 files", cli.Error, StringComparison.Ordinal);
        var calls = await File.ReadAllLinesAsync(log);
        Assert.All(calls, c => Assert.StartsWith("--addsign --define __gpg /opt/shim --define _gpg_name release --define _gpg_digest_algo 8 -- ", c, StringComparison.Ordinal));
        Assert.Contains(calls, c => c.EndsWith(" -- " + packages[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task RpmSign_RpmsignMissing_Exit2SayingSo()
    {
        var cli = new TestCli();
        cli.Vault.Respond = _ => FakeVault.Data(FakeKeys.Facts("release"));

        var exit = await cli.RunAsync("rpmsign", "--via-rpmsign", "--key", "release", "--rpmsign", Path.Combine(_directory, "no-such-rpmsign"), "--gpg-program", "/opt/shim", "x.rpm");

        Assert.Equal(2, exit);
        Assert.Contains("cannot run", cli.Error, StringComparison.Ordinal);
    }
}
