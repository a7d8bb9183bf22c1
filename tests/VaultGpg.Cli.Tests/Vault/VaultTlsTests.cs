using System.Security.Cryptography.X509Certificates;
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

    public static TheoryData<string> UnusableCaFiles => ["empty", "der", "key"];

    /// <summary>A CA file with no PEM certificate is refused (as the vault CLI does), never the system store instead.</summary>
    [Theory]
    [MemberData(nameof(UnusableCaFiles))]
    public async Task KeysList_CaCertWithoutPemCertificate_RefusedBeforeAnyRequest(string kind)
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: false);
        var file = Path.Combine(_directory, "unusable-ca");
        switch (kind)
        {
            case "empty":
                await File.WriteAllBytesAsync(file, []);
                break;
            case "der":
                using (var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(vault.CaFile)))
                {
                    await File.WriteAllBytesAsync(file, ca.RawData);
                }

                break;
            default:
                File.Copy(vault.ClientKeyFile, file);
                break;
        }

        var (exit, _, error) = await KeysListAsync(vault, ("VAULT_CACERT", file));

        Assert.Equal(2, exit);
        Assert.Contains($"VAULT_CACERT: \"{file}\" holds no PEM certificate", error, StringComparison.Ordinal);
        Assert.Equal(0, vault.Connections);
    }

    [Fact]
    public async Task KeysList_CaPathWithoutPemCertificate_RefusedBeforeAnyRequest()
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: false);
        var caPath = Directory.CreateDirectory(Path.Combine(_directory, "capath")).FullName;
        File.Copy(vault.CaFile, Path.Combine(caPath, "ca.pem"));
        var key = Path.Combine(caPath, "key.pem");
        File.Copy(vault.ClientKeyFile, key);

        var (exit, _, error) = await KeysListAsync(vault, ("VAULT_CAPATH", caPath));

        Assert.Equal(2, exit);
        Assert.Contains($"VAULT_CAPATH: \"{key}\" holds no PEM certificate", error, StringComparison.Ordinal);
        Assert.Equal(0, vault.Connections);
    }

    [Fact]
    public async Task KeysList_CaPathOfTheServer_Connects()
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: false);

        var (exit, output, error) = await KeysListAsync(vault, ("VAULT_CAPATH", CaPathWith(vault.CaFile)));

        Assert.True(exit == 0, error);
        Assert.Equal("tls-key\n", output);
    }

    /// <summary>VAULT_CACERT wins over VAULT_CAPATH, as in the vault CLI: the roots are not merged.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task KeysList_CaCertAndCaPathOfDifferentCas_CaCertDecides(bool caCertIsTheServers)
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: false);
        var (caCert, caPathFile) = caCertIsTheServers ? (vault.CaFile, vault.OtherCaFile) : (vault.OtherCaFile, vault.CaFile);

        var (exit, _, error) = await KeysListAsync(vault, ("VAULT_CACERT", caCert), ("VAULT_CAPATH", CaPathWith(caPathFile)));

        Assert.True(exit == (caCertIsTheServers ? 0 : 2), error);
    }

    [Fact]
    public async Task KeysList_ServerSendsItsIntermediate_ChainBuiltToTheRoot()
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: false, viaIntermediate: true);

        var (exit, output, error) = await KeysListAsync(vault, ("VAULT_CACERT", vault.CaFile));

        Assert.True(exit == 0, error);
        Assert.Equal("tls-key\n", output);
    }

    [Fact]
    public async Task KeysList_ServerCertificateWithoutServerAuth_Refused()
    {
        await using var vault = new TlsVault(_directory, requireClientCertificate: false, serverAuth: false);

        var (exit, _, error) = await KeysListAsync(vault, ("VAULT_CACERT", vault.CaFile));

        Assert.Equal(2, exit);
        Assert.Contains("cannot reach Vault", error, StringComparison.Ordinal);
        Assert.Equal(0, vault.Requests);
    }

    private string CaPathWith(string caFile)
    {
        var caPath = Directory.CreateDirectory(Path.Combine(_directory, "capath")).FullName;
        File.Copy(caFile, Path.Combine(caPath, Path.GetFileName(caFile)));
        return caPath;
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
