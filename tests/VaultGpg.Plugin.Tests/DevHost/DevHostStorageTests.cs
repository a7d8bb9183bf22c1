using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>
/// Storage through Vault's brokered connection (pb.Storage served by the dev host over mTLS), the existence check
/// that turns a first write into create, separate storage per mount, read-only storage and invalidation.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostStorageTests(DevHostFixture fixture)
{
    private readonly DevHostProcess _host = fixture.Host;

    private static string UniqueName() => "e" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task KvWrite_ThenRead_RoundTripsThroughHostStorage()
    {
        using var client = _host.CreateClient();
        var name = UniqueName();

        var (writeStatus, _) = await DevHostHttp.SendAsync(client, HttpMethod.Put, $"v1/test/kv/{name}",
            new JsonObject { ["value"] = "v1", ["tags"] = "a,b" }, CancellationToken.None);
        var (readStatus, read) = await DevHostHttp.SendAsync(client, HttpMethod.Get, $"v1/test/kv/{name}", null, CancellationToken.None);

        Assert.Equal(200, writeStatus);
        Assert.Equal(200, readStatus);
        Assert.Equal("v1", read!["data"]!["value"]!.GetValue<string>());
        Assert.Equal(["a", "b"], read["data"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        // The value lives in the dev host's storage, not in the plugin: read it behind the plugin's back.
        var stored = await client.GetStringAsync(new Uri($"v1/sys/dev/storage/test/kv/{name}", UriKind.Relative));
        Assert.Equal("v1", JsonNode.Parse(stored)!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task KvWrite_FirstAndSecond_ExistenceCheckMakesCreateThenUpdate()
    {
        using var client = _host.CreateClient();
        var name = UniqueName();

        var (_, first) = await DevHostHttp.SendAsync(client, HttpMethod.Post, $"v1/test/kv/{name}", new JsonObject { ["value"] = "1" }, CancellationToken.None);
        var (_, second) = await DevHostHttp.SendAsync(client, HttpMethod.Post, $"v1/test/kv/{name}", new JsonObject { ["value"] = "2" }, CancellationToken.None);

        Assert.Equal("create", first!["data"]!["operation"]!.GetValue<string>());
        Assert.Equal("update", second!["data"]!["operation"]!.GetValue<string>());
        Assert.Equal(2, second["data"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Read_MissingEntry_Returns404WithEmptyErrors()
    {
        using var client = _host.CreateClient();

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, $"v1/test/kv/{UniqueName()}", null, CancellationToken.None);

        Assert.Equal(404, status);
        Assert.Empty(body!["errors"]!.AsArray());
    }

    [Fact]
    public async Task Delete_ThenRead_Returns204Then404()
    {
        using var client = _host.CreateClient();
        var name = UniqueName();
        await DevHostHttp.SendAsync(client, HttpMethod.Post, $"v1/test/kv/{name}", new JsonObject { ["value"] = "x" }, CancellationToken.None);

        var (deleteStatus, _) = await DevHostHttp.SendAsync(client, HttpMethod.Delete, $"v1/test/kv/{name}", null, CancellationToken.None);
        var (readStatus, _) = await DevHostHttp.SendAsync(client, HttpMethod.Get, $"v1/test/kv/{name}", null, CancellationToken.None);

        Assert.Equal(204, deleteStatus);
        Assert.Equal(404, readStatus);
    }

    [Theory]
    [InlineData("LIST", "v1/test2/kv")]
    [InlineData("GET", "v1/test2/kv?list=true")]
    public async Task List_AfterWrite_ReturnsTheKeys(string method, string path)
    {
        using var client = _host.CreateClient();
        var name = UniqueName();
        await DevHostHttp.SendAsync(client, HttpMethod.Post, $"v1/test2/kv/{name}", new JsonObject { ["value"] = "x" }, CancellationToken.None);

        var (status, body) = await DevHostHttp.SendAsync(client, new HttpMethod(method), path, null, CancellationToken.None);

        Assert.Equal(200, status);
        Assert.Contains(name, body!["data"]!["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
    }

    [Fact]
    public async Task TwoMounts_SameKey_KeepSeparateStorageInOneProcess()
    {
        using var client = _host.CreateClient();
        var name = UniqueName();

        await DevHostHttp.SendAsync(client, HttpMethod.Post, $"v1/test/kv/{name}", new JsonObject { ["value"] = "first" }, CancellationToken.None);
        var (status2, other) = await DevHostHttp.SendAsync(client, HttpMethod.Get, $"v1/test2/kv/{name}", null, CancellationToken.None);
        await DevHostHttp.SendAsync(client, HttpMethod.Post, $"v1/test2/kv/{name}", new JsonObject { ["value"] = "second" }, CancellationToken.None);
        var (_, one) = await DevHostHttp.SendAsync(client, HttpMethod.Get, $"v1/test/kv/{name}", null, CancellationToken.None);
        var (_, two) = await DevHostHttp.SendAsync(client, HttpMethod.Get, $"v1/test2/kv/{name}", null, CancellationToken.None);

        Assert.Equal(404, status2);
        Assert.Equal("first", one!["data"]!["value"]!.GetValue<string>());
        Assert.Equal("second", two!["data"]!["value"]!.GetValue<string>());
        // The plugin multiplexes, so both mounts are instances in one process (Vault's multiplexing).
        Assert.Equal(await _host.PluginPidAsync("test", CancellationToken.None), await _host.PluginPidAsync("test2", CancellationToken.None));
    }

    [Fact]
    public async Task Write_OnPerformanceStandby_ReturnsVaultsReadOnlyText()
    {
        using var client = _host.CreateClient();
        await SetReplicationStateAsync(client, "perf-standby");
        try
        {
            var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Post, "v1/test/readonly", new JsonObject(), CancellationToken.None);

            Assert.Equal(500, status);
            Assert.Equal("1 error occurred:\n\t* cannot write to readonly storage\n\n", DevHostHttp.SingleError(body));
        }
        finally
        {
            await SetReplicationStateAsync(client, "none");
        }

        var (afterStatus, _) = await DevHostHttp.SendAsync(client, HttpMethod.Post, "v1/test/readonly", new JsonObject(), CancellationToken.None);
        Assert.Equal(200, afterStatus);
    }

    [Fact]
    public async Task KeyChangedByAnotherNode_NextRead_SeesTheNewKey()
    {
        // Arrange: the engine caches parsed keys (KeyStore), so a read after the first is served from memory. Another
        // node's change reaches it only through InvalidateKey; the test plugin at test/ caches nothing.
        using var client = _host.CreateClient();
        var (name, other) = (UniqueName(), UniqueName());
        await CreateKeyAsync(client, name);
        var otherFingerprint = await CreateKeyAsync(client, other);
        var before = await ReadFingerprintAsync(client, name);
        var otherEntry = await client.GetStringAsync(new Uri($"v1/sys/dev/storage/gpg/key/{other}", UriKind.Relative));

        // Act: dev-host-only, write key/<name> directly and send InvalidateKey, as a replicated change would.
        using var content = new StringContent(otherEntry, Encoding.UTF8, "application/json");
        using var put = await client.PutAsync(new Uri($"v1/sys/dev/storage/gpg/key/{name}", UriKind.Relative), content);
        var after = await ReadFingerprintAsync(client, name);

        // Assert
        Assert.Equal(204, (int)put.StatusCode);
        Assert.NotEqual(otherFingerprint, before);
        Assert.Equal(otherFingerprint, after);
        Assert.DoesNotContain("InvalidateKey failed", _host.Log, StringComparison.Ordinal);
    }

    private static async Task<string> CreateKeyAsync(HttpClient client, string name)
    {
        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Post, $"v1/gpg/keys/{name}",
            new JsonObject { ["key_type"] = "ed25519", ["real_name"] = "Node Test", ["email"] = "node@example.org" }, CancellationToken.None);
        Assert.True(status is 200 or 204, body?.ToJsonString());
        return await ReadFingerprintAsync(client, name);
    }

    private static async Task<string> ReadFingerprintAsync(HttpClient client, string name)
    {
        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, $"v1/gpg/keys/{name}", null, CancellationToken.None);
        Assert.True(status == 200, body?.ToJsonString());
        return body!["data"]!["fingerprint"]!.GetValue<string>();
    }

    private static async Task SetReplicationStateAsync(HttpClient client, string state)
    {
        var (status, _) = await DevHostHttp.SendAsync(client, HttpMethod.Put, "v1/sys/dev/replication-state", new JsonObject { ["state"] = state }, CancellationToken.None);
        Assert.Equal(200, status);
    }
}
