using System.Text.Json.Nodes;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// Storage failing mid-request: on a performance standby Vault's storage refuses writes as read-only, and the engine
/// must pass that error through (so Vault forwards the request) without leaving a half-made key or changed settings.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class FaultTests(EngineHostFixture fixture)
{
    private const string ReadOnlyText = "cannot write to readonly storage";

    private readonly EngineApi _api = fixture.Api;

    [Fact]
    public async Task CreateKey_OnPerformanceStandby_FailsWithReadOnlyErrorAndLeavesNoKey()
    {
        var name = EngineHostFixture.UniqueName("standby");

        var answer = await OnStandbyAsync(() => _api.PostAsync($"keys/{name}", new JsonObject { ["key_type"] = "ed25519", ["real_name"] = name }));

        answer.AssertStatus(500);
        Assert.Contains(ReadOnlyText, answer.Errors, StringComparison.Ordinal);
        (await _api.GetAsync($"keys/{name}")).AssertStatus(404);
        Assert.Null(await _api.ReadStorageAsync($"key/{name}"));
        Assert.DoesNotContain(name, (await _api.SendAsync(EngineApi.List, "keys")).RawBody, StringComparison.Ordinal);
        // Signing with the name must not find a key cached by the failed create either.
        Assert.Contains("key not found", (await _api.PostAsync($"sign/{name}", new JsonObject { ["input"] = "QQ==" })).Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateKey_AfterStandbyEnds_Succeeds()
    {
        var name = EngineHostFixture.UniqueName("retry");
        await OnStandbyAsync(() => _api.PostAsync($"keys/{name}", new JsonObject { ["key_type"] = "ed25519", ["real_name"] = name }));

        var answer = await _api.PostAsync($"keys/{name}", new JsonObject { ["key_type"] = "ed25519", ["real_name"] = name });

        answer.AssertStatus(200);
    }

    [Fact]
    public async Task Config_OnPerformanceStandby_FailsAndLeavesSettingsUnchanged()
    {
        var name = EngineHostFixture.UniqueName("cfgstandby");
        await _api.CreateKeyAsync(name);
        var storedBefore = await _api.ReadStorageAsync($"key/{name}");

        var answer = await OnStandbyAsync(() => _api.PostAsync($"keys/{name}/config", new JsonObject { ["exportable"] = true, ["deletion_allowed"] = true }));

        answer.AssertStatus(500);
        Assert.Contains(ReadOnlyText, answer.Errors, StringComparison.Ordinal);
        var read = await _api.GetAsync($"keys/{name}");
        Assert.False(read.Data["exportable"]!.GetValue<bool>());
        Assert.False(read.Data["deletion_allowed"]!.GetValue<bool>());
        (await _api.GetAsync($"export/{name}")).AssertStatus(400);
        Assert.Equal(storedBefore, await _api.ReadStorageAsync($"key/{name}"));
    }

    [Fact]
    public async Task Delete_OnPerformanceStandby_FailsAndKeepsTheKey()
    {
        var name = EngineHostFixture.UniqueName("delstandby");
        await _api.CreateKeyAsync(name, new JsonObject { ["key_type"] = "ed25519", ["deletion_allowed"] = true });

        var answer = await OnStandbyAsync(() => _api.DeleteAsync($"keys/{name}"));

        answer.AssertStatus(500);
        Assert.Contains(ReadOnlyText, answer.Errors, StringComparison.Ordinal);
        (await _api.GetAsync($"keys/{name}")).AssertStatus(200);
    }

    [Fact]
    public async Task Sign_OnPerformanceStandby_StillSigns()
    {
        var answer = await OnStandbyAsync(() => _api.PostAsync($"sign/{EngineHostFixture.RsaKey}", new JsonObject { ["input"] = "QQ==" }));

        answer.AssertStatus(200);
    }

    private async Task<ApiResponse> OnStandbyAsync(Func<Task<ApiResponse>> request)
    {
        await _api.SetReplicationStateAsync("perf-standby");
        try
        {
            return await request();
        }
        finally
        {
            await _api.SetReplicationStateAsync("none");
        }
    }
}
