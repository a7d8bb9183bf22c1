using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Tests.Vault;

public sealed class VaultSettingsToStringTests
{
    [Fact]
    public void ToString_WithToken_ShowsNoToken()
    {
        const string token = "hvs.CAESIJ-secret-token-value";
        var settings = VaultSettings.FromEnvironment(new CliEnvironment(
            new Dictionary<string, string> { ["VAULT_TOKEN"] = token, ["VAULT_ADDR"] = "https://vault.example.test:8200" }, null));

        var text = settings.ToString();

        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.Contains("Token = ***", text, StringComparison.Ordinal);
        Assert.Contains("vault.example.test", text, StringComparison.Ordinal);
    }
}
