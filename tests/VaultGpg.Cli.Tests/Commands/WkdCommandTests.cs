using System.Net;
using System.Text.Json.Nodes;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.Commands;

/// <summary>
/// vaultgpg wkd against a scripted Vault whose answer carries a real minimal key and gpg-wks-client's hash: the files
/// land where both WKD methods look for them, and gpg imports their content.
/// </summary>
public sealed class WkdCommandTests : IDisposable
{
    private const string WksClient = "/usr/lib/gnupg/gpg-wks-client";
    private readonly string _directory = TemporaryDirectory.CreateShort("w-");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GpgFact(WksClient)]
    public async Task Wkd_WritesAdvancedAndDirectFilesAndPolicies_GpgImportsTheFile()
    {
        var key = new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = "Release", Email = "Release@example.org" });
        var minimal = MinimalKeyExport.Export(key, DateTimeOffset.UtcNow);
        var hash = (await ExternalProcess.RunAsync(WksClient, ["--print-wkd-hash", "Release@example.org"])).StdoutText.Split(' ')[0];
        var cli = new TestCli();
        cli.Vault.Respond = request => request.Path == "/v1/gpg/export-public/release" && request.Query == "?wkd_domain=example.org"
            ? FakeVault.Data(new JsonObject
            {
                ["name"] = "release",
                ["wkd_key"] = Convert.ToBase64String(minimal),
                ["wkd"] = new JsonArray(new JsonObject
                {
                    ["hash"] = hash,
                    ["advanced_path"] = $"openpgpkey.example.org/.well-known/openpgpkey/example.org/hu/{hash}",
                    ["direct_path"] = $".well-known/openpgpkey/hu/{hash}",
                }),
            })
            : (HttpStatusCode.NotFound, null);

        var exit = await cli.RunAsync("wkd", "--key", "release", "--domain", "example.org", _directory);

        Assert.True(exit == 0, cli.Error);
        var advanced = Path.Combine(_directory, "openpgpkey.example.org", ".well-known", "openpgpkey", "example.org");
        var direct = Path.Combine(_directory, ".well-known", "openpgpkey");
        Assert.Equal(minimal, await File.ReadAllBytesAsync(Path.Combine(advanced, "hu", hash)));
        Assert.Equal(minimal, await File.ReadAllBytesAsync(Path.Combine(direct, "hu", hash)));
        Assert.Equal(0, new FileInfo(Path.Combine(advanced, "policy")).Length);
        Assert.Equal(0, new FileInfo(Path.Combine(direct, "policy")).Length);
        await using var gpg = GpgOracle.Create();
        (await gpg.ImportAsync(await File.ReadAllBytesAsync(Path.Combine(direct, "hu", hash)))).EnsureSuccess("import");
        Assert.Equal(key.Info.Fingerprint, (await gpg.ListKeysAsync()).First(r => r.Type == "fpr").UserIdOrFingerprint);
    }

    [Fact]
    public async Task Wkd_PathOutsideTheDirectory_RefusedAndNothingWritten()
    {
        var cli = new TestCli();
        cli.Vault.Respond = _ => FakeVault.Data(new JsonObject
        {
            ["wkd_key"] = Convert.ToBase64String([0x99]),
            ["wkd"] = new JsonArray(new JsonObject { ["advanced_path"] = "../escape", ["direct_path"] = ".well-known/openpgpkey/hu/x" }),
        });

        var exit = await cli.RunAsync("wkd", "--key", "release", "--domain", "example.org", _directory);

        Assert.NotEqual(0, exit);
        Assert.Contains("outside the directory", cli.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }
}
