using System.Net;
using System.Text.Json.Nodes;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Tests.Vault;

public sealed class VaultClientTests
{
    [Fact]
    public async Task KeysList_EmptyMount404_PrintsNothingExit0()
    {
        var cli = new TestCli();

        Assert.Equal(0, await cli.RunAsync("keys", "list"));

        Assert.Equal("", cli.Out);
        Assert.Equal("?list=true", cli.Vault.Requests[0].Query);
        Assert.Equal("/v1/gpg/keys/", cli.Vault.Requests[0].Path);
    }

    [Fact]
    public async Task KeysList_Long_ReadsEachKey()
    {
        var cli = new TestCli();
        cli.Vault.Respond = request => request.Query == "?list=true"
            ? FakeVault.Data(new JsonObject { ["keys"] = new JsonArray("release") })
            : FakeVault.Data(FakeKeys.Facts("release"));

        Assert.Equal(0, await cli.RunAsync("keys", "list", "--long"));

        Assert.Equal("release\trsa-2048\t0123456789abcdef0123456789abcdef01234567\tR <r@example.test>\n", cli.Out);
    }

    [Fact]
    public async Task VaultError_MultiErrorText_OneLineWithStatusAndRequest()
    {
        var cli = new TestCli();
        cli.Vault.Respond = _ => FakeVault.Error(HttpStatusCode.InternalServerError, "1 error occurred:\n\t* storage is sealed\n\n");

        Assert.Equal(2, await cli.RunAsync("export-public", "--key", "release"));

        Assert.Equal("vaultgpg: Vault error 500 (Internal Server Error) on GET /v1/gpg/export-public/release (after 3 attempts): 1 error occurred: * storage is sealed\n", cli.Error);
    }

    [Fact]
    public void ErrorMessages_NotJson_FirstLineKept()
    {
        Assert.Equal(["<html>bad gateway</html>"], VaultClient.ErrorMessages("<html>bad gateway</html>\nmore"u8.ToArray()));
    }

    [Fact]
    public async Task ExportPublic_WritesArmoredKeyToStdout()
    {
        var cli = new TestCli();
        cli.Vault.Respond = _ => FakeVault.Data(new JsonObject { ["name"] = "release", ["public_key"] = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n...\n" });

        Assert.Equal(0, await cli.RunAsync("export-public", "-k", "release"));

        Assert.Equal("-----BEGIN PGP PUBLIC KEY BLOCK-----\n...\n", TestCli.Utf8String(cli.Stdout));
    }

    [Fact]
    public async Task UnreachableVault_Exit2NamingTheAddress()
    {
        var cli = new TestCli(new Dictionary<string, string> { ["VAULT_ADDR"] = "http://127.0.0.1:1", ["VAULT_TOKEN"] = "t" });
        var context = cli.Context with { CreateHttpHandler = VaultHttp.CreateHandler };

        var exit = await Cli.Commands.CliApplication.RunAsync(context, ["keys", "list"], "vaultgpg", CancellationToken.None);

        // Arrange/Act as above; a refused connection is transient for the vault CLI: tried 1 + VAULT_MAX_RETRIES (2) times.
        Assert.Equal(2, exit);
        Assert.Contains("cannot reach Vault at http://127.0.0.1:1/ for GET /v1/gpg/keys/?list=true", cli.Error, StringComparison.Ordinal);
        Assert.Contains("(after 3 attempts)", cli.Error, StringComparison.Ordinal);
        Assert.Equal(2, cli.RetryDelays.Count);
    }
}
