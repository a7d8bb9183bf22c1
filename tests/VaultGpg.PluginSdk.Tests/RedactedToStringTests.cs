using System.Text.Json;
using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Tests;

/// <summary>Records that carry request or response data print field names, never values.</summary>
public sealed class RedactedToStringTests
{
    private const string Passphrase = "correct-horse-battery-staple";
    private const string PrivateKey = "-----BEGIN PGP PRIVATE KEY BLOCK-----lQOYBGVaultGpgSecret";

    [Fact]
    public void Request_WithPassphraseAndKey_ToStringShowsNamesNotValues()
    {
        var request = new Request
        {
            Operation = Operation.Update,
            Path = "keys/release",
            Storage = new InMemoryStorage(),
            Data = JsonDocument.Parse($$"""{"passphrase":"{{Passphrase}}","key":"{{PrivateKey}}"}""").RootElement,
            Headers = new Dictionary<string, IReadOnlyList<string>> { ["X-Custom-Auth"] = [Passphrase] },
        };

        var text = request.ToString();

        Assert.DoesNotContain(Passphrase, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateKey, text, StringComparison.Ordinal);
        Assert.Contains("keys/release", text, StringComparison.Ordinal);
        Assert.Contains("[passphrase, key]", text, StringComparison.Ordinal);
        Assert.Contains("X-Custom-Auth", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Response_WithExportedKey_ToStringShowsNamesNotValues()
    {
        var response = Response.WithData(new JsonObject { ["name"] = "release", ["key"] = PrivateKey });

        var text = response.ToString();

        Assert.DoesNotContain(PrivateKey, text, StringComparison.Ordinal);
        Assert.Contains("[name, key]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_WithInternalData_ToStringShowsNamesNotValues()
    {
        var secret = new Secret { InternalData = new JsonObject { ["password"] = Passphrase } };

        var text = new Response { Secret = secret }.ToString();

        Assert.DoesNotContain(Passphrase, text, StringComparison.Ordinal);
        Assert.Contains("[password]", text, StringComparison.Ordinal);
    }
}
