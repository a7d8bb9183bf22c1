using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.Cli.Vault;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.Vault;

/// <summary>VAULT_CACERT, VAULT_SKIP_VERIFY and VAULT_CLIENT_CERT/KEY against a real TLS server on loopback.</summary>
public sealed class VaultTlsTests : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vgt-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [Fact]
    public async Task KeysList_CaCertOfTheServer_Connects()
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: false);

        var (exit, output, _) = await KeysListAsync(vault, ("VAULT_CACERT", vault.CaFile));

        Assert.Equal(0, exit);
        Assert.Equal("tls-key\n", output);
    }

    [Fact]
    public async Task KeysList_NoCaCert_RefusesTheUntrustedServer()
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: false);

        var (exit, _, error) = await KeysListAsync(vault);

        Assert.Equal(2, exit);
        Assert.Contains("cannot reach Vault", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysList_CaCertOfAnotherCa_RefusesTheServer()
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: false);

        var (exit, _, _) = await KeysListAsync(vault, ("VAULT_CACERT", vault.OtherCaFile));

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task KeysList_SkipVerify_ConnectsWithoutTrust()
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: false);

        var (exit, _, _) = await KeysListAsync(vault, ("VAULT_SKIP_VERIFY", "true"));

        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task KeysList_ServerRequiresClientCertificate_SentFromClientCertAndKey()
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: true);

        var (exit, _, error) = await KeysListAsync(
            vault, ("VAULT_CACERT", vault.CaFile), ("VAULT_CLIENT_CERT", vault.ClientCertFile), ("VAULT_CLIENT_KEY", vault.ClientKeyFile));

        Assert.True(exit == 0, error);
        Assert.Contains("CN=pipeline", vault.ClientSubjects);
    }

    [Fact]
    public async Task KeysList_ServerRequiresClientCertificateNoneGiven_Fails()
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: true);

        var (exit, _, _) = await KeysListAsync(vault, ("VAULT_CACERT", vault.CaFile));

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task KeysList_ClientCertWithoutKey_UsageError()
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: false);

        var (exit, _, error) = await KeysListAsync(vault, ("VAULT_CACERT", vault.CaFile), ("VAULT_CLIENT_CERT", vault.ClientCertFile));

        Assert.Equal(2, exit);
        Assert.Contains("VAULT_CLIENT_CERT and VAULT_CLIENT_KEY must be set together", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> KeysListAsync(TlsVault vault, params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["VAULT_ADDR"] = vault.Address, ["VAULT_TOKEN"] = "t" };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        var cli = new TestCli(environment);
        var context = cli.Context with { CreateHttpHandler = VaultHttp.CreateHandler };
        var exit = await Cli.Commands.CliApplication.RunAsync(context, ["keys", "list"], "vaultgpg", CancellationToken.None);
        return (exit, cli.Out, cli.Error);
    }
}
