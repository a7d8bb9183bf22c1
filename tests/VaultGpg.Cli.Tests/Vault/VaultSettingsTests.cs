using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Vault;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.Vault;

public sealed class VaultSettingsTests
{
    [Fact]
    public void FromEnvironment_Nothing_VaultCliDefaults()
    {
        var settings = VaultSettings.FromEnvironment(new CliEnvironment(new Dictionary<string, string>(), null));

        Assert.Equal(new Uri("https://127.0.0.1:8200"), settings.Address);
        Assert.Equal("gpg", settings.Mount);
        Assert.Null(settings.Token);
        Assert.False(settings.SkipVerify);
    }

    [Fact]
    public void FromEnvironment_AllVariables_Read()
    {
        var settings = VaultSettings.FromEnvironment(new CliEnvironment(
            new Dictionary<string, string>
            {
                ["VAULT_ADDR"] = "https://vault.example.test:8200/",
                ["VAULT_TOKEN"] = "s.abc",
                ["VAULT_NAMESPACE"] = "ns1/",
                ["VAULT_CACERT"] = "/etc/ca.pem",
                ["VAULT_CLIENT_CERT"] = "/etc/c.pem",
                ["VAULT_CLIENT_KEY"] = "/etc/k.pem",
                ["VAULT_SKIP_VERIFY"] = "true",
                ["VAULT_GPG_MOUNT"] = "/pgp/",
                ["VAULT_GPG_KEY"] = "release",
            },
            null));

        Assert.Equal("vault.example.test", settings.Address.Host);
        Assert.Equal("s.abc", settings.Token);
        Assert.Equal("ns1/", settings.Namespace);
        Assert.Equal("/etc/ca.pem", settings.CaCertFile);
        Assert.Equal("/etc/c.pem", settings.ClientCertFile);
        Assert.Equal("/etc/k.pem", settings.ClientKeyFile);
        Assert.True(settings.SkipVerify);
        Assert.Equal("pgp", settings.Mount);
        Assert.Equal("release", settings.DefaultKey);
    }

    [Fact]
    public void FromEnvironment_NoTokenVariable_ReadsVaultTokenFileFromHome()
    {
        var home = TemporaryDirectory.CreateShort("vgh-");
        try
        {
            File.WriteAllText(Path.Combine(home, ".vault-token"), "s.fromfile\n");

            var settings = VaultSettings.FromEnvironment(new CliEnvironment(new Dictionary<string, string>(), home));

            Assert.Equal("s.fromfile", settings.Token);
        }
        finally
        {
            TemporaryDirectory.DeleteQuietly(home);
        }
    }

    [Theory]
    [InlineData("ftp://vault")]
    [InlineData("not a url")]
    public void FromEnvironment_BadAddress_UsageError(string address)
    {
        Assert.Throws<UsageException>(() => VaultSettings.FromEnvironment(new CliEnvironment(new Dictionary<string, string> { ["VAULT_ADDR"] = address }, null)));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("T", true)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    public void IsTrue_VaultBooleanSpellings(string value, bool expected)
    {
        Assert.Equal(expected, VaultSettings.IsTrue(value));
    }
}
