using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary><c>vaultgpg wkd</c> against the dev host: gpg-wks-client names the files, gpg imports their content.</summary>
[Collection(SigningHostCollection.Name)]
public sealed class WkdEndToEndTests(SigningHostFixture host) : IDisposable
{
    private const string WksClient = "/usr/lib/gnupg/gpg-wks-client";
    private readonly string _directory = TemporaryDirectory.CreateShort("vgw-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [GpgFact(WksClient)]
    public async Task Wkd_ReleaseKey_FilesWhereGpgWksClientLooksAndGpgImportsThem()
    {
        var result = await host.RunVaultgpgAsync(["wkd", "--key", SigningHostFixture.KeyName, "--domain", "example.test", _directory]);

        Assert.True(result.ExitCode == 0, $"vaultgpg wkd: {result}\n{host.HostLog}");
        var hash = (await ExternalProcess.RunAsync(WksClient, ["--print-wkd-hash", SigningHostFixture.KeyUserId])).StdoutText.Split(' ')[0];
        var url = (await ExternalProcess.RunAsync(WksClient, ["--print-wkd-url", SigningHostFixture.KeyEmail])).StdoutText.Trim();
        var advanced = Path.Combine(_directory, "openpgpkey.example.test", ".well-known", "openpgpkey", "example.test", "hu", hash);
        var direct = Path.Combine(_directory, ".well-known", "openpgpkey", "hu", hash);
        // gpg's advanced-method URL, with the host name as the first directory: the file is where it points.
        Assert.Equal(advanced, Path.Combine(_directory, url["https://".Length..url.IndexOf('?', StringComparison.Ordinal)]));
        Assert.True(File.Exists(Path.Combine(_directory, ".well-known", "openpgpkey", "policy")));
        Assert.True(File.Exists(Path.Combine(_directory, "openpgpkey.example.test", ".well-known", "openpgpkey", "example.test", "policy")));
        var content = await File.ReadAllBytesAsync(direct);
        Assert.Equal(content, await File.ReadAllBytesAsync(advanced));
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(content)).EnsureSuccess("import");
        var listing = await gpg.ListKeysAsync();
        Assert.Equal(host.Fingerprint, listing.First(r => r.Type == "fpr").UserIdOrFingerprint, ignoreCase: true);
        Assert.Equal(SigningHostFixture.KeyUserId, Assert.Single(listing, r => r.Type == "uid").UserIdOrFingerprint);
    }
}
