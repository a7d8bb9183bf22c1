using System.Text;
using System.Text.Json.Nodes;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// The engine's audit lines as they reach the host's log: one line per signing operation with the key name and Vault's
/// request id, and never the input, the signature or secret key material.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class AuditLogTests(EngineHostFixture fixture)
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(10);

    private readonly EngineApi _api = fixture.Api;

    [Fact]
    public async Task Sign_OneRequest_LogsOneLineWithKeyAndRequestIdButNoData()
    {
        var name = EngineHostFixture.UniqueName("audit");
        await _api.CreateKeyAsync(name);
        var input = Convert.ToBase64String(Encoding.UTF8.GetBytes("audit-input-" + Guid.NewGuid().ToString("N")));

        var signed = await _api.PostAsync($"sign/{name}", new JsonObject { ["input"] = input });

        signed.AssertStatus(200);
        var requestId = signed.Body!["request_id"]!.GetValue<string>();
        var line = await WaitForLineAsync($"signed with key {name}");
        Assert.Contains(requestId, line, StringComparison.Ordinal);
        // The log keeps gpg's upper case; answers are lower-case hex as the Go plugin writes it.
        Assert.Contains(signed.String("key_id"), line, StringComparison.OrdinalIgnoreCase);
        Assert.Single(LinesContaining($"signed with key {name}"));
        Assert.DoesNotContain(input, fixture.Host.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(signed.String("signature"), fixture.Host.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_SecretKey_LogsTheExportWithoutKeyMaterial()
    {
        var name = EngineHostFixture.UniqueName("auditexport");
        await _api.CreateKeyAsync(name, new JsonObject { ["exportable"] = true });

        var exported = await _api.GetAsync($"export/{name}");

        exported.AssertStatus(200);
        await WaitForLineAsync($"secret key {name} exported");
        Assert.DoesNotContain("PRIVATE KEY", fixture.Host.Log, StringComparison.Ordinal);
    }

    private async Task<string> WaitForLineAsync(string text)
    {
        // The plugin's stderr reaches the host's log asynchronously.
        var deadline = DateTime.UtcNow + LogWait;
        while (DateTime.UtcNow < deadline)
        {
            if (LinesContaining(text).FirstOrDefault() is { } line)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"no log line with \"{text}\" within {LogWait}");
    }

    private string[] LinesContaining(string text) =>
        [.. fixture.Host.Log.Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal))];
}
