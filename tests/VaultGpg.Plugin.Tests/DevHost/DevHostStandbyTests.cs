using System.Net;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>
/// Standby mode: a second dev host sharing the active's storage file plays a Vault performance standby. Its plugin's
/// storage is read-only, a request that fails with Vault's read-only error is forwarded to the active (where the write
/// lands), and reads are served by the standby itself from the shared storage.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostStandbyTests(DevHostStandbyFixture fixture) : IClassFixture<DevHostStandbyFixture>
{
    private DevHostProcess Active => fixture.Active;

    private DevHostProcess Standby => fixture.Standby;

    private static string UniqueName() => "s" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Write_OnStandby_IsForwardedAndLandsInTheActivesStorage_ReadIsServedLocally()
    {
        using var standby = Standby.CreateClient();
        using var active = Active.CreateClient();
        var name = UniqueName();

        var (writeStatus, written) = await DevHostHttp.SendAsync(standby, HttpMethod.Post, $"v1/test/kv/{name}",
            new JsonObject { ["value"] = "via-standby" }, CancellationToken.None);

        Assert.Equal(200, writeStatus);
        // The active ran the write: its existence check found no entry, so it was a create.
        Assert.Equal("create", written!["data"]!["operation"]!.GetValue<string>());
        var stored = await active.GetStringAsync(new Uri($"v1/sys/dev/storage/test/kv/{name}", UriKind.Relative));
        Assert.Equal("via-standby", JsonNode.Parse(stored)!["value"]!.GetValue<string>());
        Assert.Contains($"path=/v1/test/kv/{name}", Active.Log, StringComparison.Ordinal);

        var (readStatus, read) = await DevHostHttp.SendAsync(standby, HttpMethod.Get, $"v1/test/kv/{name}", null, CancellationToken.None);

        Assert.Equal(200, readStatus);
        Assert.Equal("via-standby", read!["data"]!["value"]!.GetValue<string>());
        // Only the POST reached the active; the GET was the standby's own.
        Assert.DoesNotContain($"method=GET path=/v1/test/kv/{name}", Active.Log, StringComparison.Ordinal);
        Assert.Contains($"method=GET path=/v1/test/kv/{name}", Standby.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_OnStandbyWithNoForwardingHeader_RedirectsToTheActive()
    {
        using var standby = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Standby.Address };
        standby.DefaultRequestHeaders.Add("X-Vault-Token", Standby.RootToken);
        standby.DefaultRequestHeaders.Add("X-Vault-No-Request-Forwarding", "true");

        using var response = await standby.PostAsync(new Uri("v1/test/readonly", UriKind.Relative), new StringContent("{}"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri(Active.Address, "v1/test/readonly"), response.Headers.Location);
    }

    [Fact]
    public async Task Health_OnStandby_ReportsAPerformanceStandby()
    {
        using var standby = Standby.CreateClient("");

        var (status, body) = await DevHostHttp.SendAsync(standby, HttpMethod.Get, "v1/sys/health", null, CancellationToken.None);

        Assert.Equal(473, status);
        Assert.True(body!["performance_standby"]!.GetValue<bool>());
    }
}
