using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

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
    public async Task SignWithLogOn_OnStandby_IsForwardedAndTheEntryIsInTheActivesLog()
    {
        const string Mount = DevHostFixture.LogMount;
        using var standby = Standby.CreateClient();
        using var active = Active.CreateClient();
        var (configured, config) = await DevHostHttp.SendAsync(
            active, HttpMethod.Post, $"v1/{Mount}/log/config", new { origin = $"standby.test/v1/{Mount}/log" }, CancellationToken.None);
        Assert.Equal(200, configured);
        var logKey = Ed25519NoteVerifier.Parse(config!["data"]!["verifier_key"]!.GetValue<string>());
        var name = UniqueName();
        var (created, _) = await DevHostHttp.SendAsync(active, HttpMethod.Post, $"v1/{Mount}/keys/{name}", new { key_type = "ed25519", real_name = "Standby" }, CancellationToken.None);
        Assert.Equal(200, created);
        var file = Encoding.UTF8.GetBytes($"signed through the standby {name}\n");

        // The standby signs, its log append hits read-only storage, and Vault's answer to that is to forward.
        var (status, signed) = await DevHostHttp.SendAsync(
            standby, HttpMethod.Post, $"v1/{Mount}/sign/{name}", new { input = Convert.ToBase64String(file), log_proof = true }, CancellationToken.None);

        Assert.True(status == 200, $"status {status}: {signed?.ToJsonString()}");
        Assert.Contains($"path=/v1/{Mount}/sign/{name}", Active.Log, StringComparison.Ordinal);
        var index = signed!["data"]!["log_index"]!.GetValue<long>();
        var proof = TlogProof.Parse(signed["data"]!["log_proof"]!.GetValue<string>());
        Assert.Equal(index, proof.Index);
        Assert.True(proof.Verifies(proof.Extra!, logKey));
        Assert.Contains($"\ndigest sha256:{Convert.ToHexStringLower(SHA256.HashData(file))}\n", Encoding.UTF8.GetString(proof.Extra!), StringComparison.Ordinal);
        // The active's own log, read without a token, proves that entry at that index against its latest checkpoint.
        using var anonymous = Active.CreateClient(token: "");
        var (proved, inclusion) = await DevHostHttp.SendAsync(anonymous, HttpMethod.Get, $"v1/{Mount}/log/proof/inclusion?index={index}", null, CancellationToken.None);
        Assert.Equal(200, proved);
        var checkpoint = SignedNote.Parse(inclusion!["data"]!["checkpoint"]!.GetValue<string>());
        Assert.NotEmpty(checkpoint.VerifiedBy([logKey]));
        var tree = Checkpoint.Parse(checkpoint.Text);
        var hashes = inclusion["data"]!["proof"]!.AsArray().Select(h => Convert.FromBase64String(h!.GetValue<string>())).ToList();
        Assert.True(MerkleProof.VerifyInclusion(LogHash.Leaf(proof.Extra!), index, tree.Size, hashes, tree.RootHash));
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
