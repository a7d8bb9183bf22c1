using System.Text.Json.Nodes;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// Another Vault node changing a key: the dev host writes storage directly and sends InvalidateKey, and the engine
/// must drop its cached key and serve what storage now holds.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class InvalidationTests(EngineHostFixture fixture)
{
    private readonly EngineApi _api = fixture.Api;

    [Fact]
    public async Task ReadKey_AfterAnotherNodeReplacedIt_ServesTheNewKeyUnderItsOwnName()
    {
        var (name, _, other) = await ReplaceWithAnotherKeyAsync();

        var read = await _api.GetAsync($"keys/{name}");

        read.AssertStatus(200);
        Assert.Equal(other.String("fingerprint"), read.String("fingerprint"));
        // The copied entry still carries the other key's name inside; the key is the one stored at keys/{name}.
        Assert.Equal(name, read.String("name"));
        Assert.Equal(name, (await _api.GetAsync($"export-public/{name}")).String("name"));
    }

    [Fact]
    public async Task Sign_AfterAnotherNodeReplacedTheKey_SignsWithTheNewKey()
    {
        var (name, _, other) = await ReplaceWithAnotherKeyAsync();

        var signed = await _api.PostAsync($"sign/{name}", new JsonObject { ["input"] = "QQ==" });

        signed.AssertStatus(200);
        Assert.Equal(other.String("signing_key_id"), signed.String("key_id"));
    }

    [Fact]
    public async Task Config_AfterAnotherNodeReplacedTheKey_ChangesOnlyThatName()
    {
        var (name, otherName, _) = await ReplaceWithAnotherKeyAsync();
        var otherStored = await _api.ReadStorageAsync($"key/{otherName}");

        var config = await _api.PostAsync($"keys/{name}/config", new JsonObject { ["deletion_allowed"] = true });

        config.AssertStatus(200);
        Assert.True((await _api.GetAsync($"keys/{name}")).Data["deletion_allowed"]!.GetValue<bool>());
        Assert.False((await _api.GetAsync($"keys/{otherName}")).Data["deletion_allowed"]!.GetValue<bool>());
        Assert.Equal(otherStored, await _api.ReadStorageAsync($"key/{otherName}"));
    }

    [Fact]
    public async Task ReadKey_AfterAnotherNodeDeletedIt_Returns404()
    {
        var name = EngineHostFixture.UniqueName("gone");
        await _api.CreateKeyAsync(name);
        (await _api.GetAsync($"keys/{name}")).AssertStatus(200);

        var deleted = await _api.DeleteStorageAsync($"key/{name}");

        deleted.AssertStatus(204);
        (await _api.GetAsync($"keys/{name}")).AssertStatus(404);
        Assert.Contains("key not found", (await _api.PostAsync($"sign/{name}", new JsonObject { ["input"] = "QQ==" })).Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadKey_AfterAnotherNodeChangedItsSettings_ServesTheNewSettings()
    {
        var name = EngineHostFixture.UniqueName("settings");
        await _api.CreateKeyAsync(name);
        Assert.False((await _api.GetAsync($"keys/{name}")).Data["exportable"]!.GetValue<bool>());
        var stored = JsonNode.Parse((await _api.ReadStorageAsync($"key/{name}"))!)!.AsObject();
        stored["exportable"] = true;

        await _api.WriteStorageAsync($"key/{name}", stored.ToJsonString());

        Assert.True((await _api.GetAsync($"keys/{name}")).Data["exportable"]!.GetValue<bool>());
        (await _api.GetAsync($"export/{name}")).AssertStatus(200);
    }

    /// <summary>
    /// Creates key A at keys/{name} and reads it (so it is cached), creates key B, then copies B's stored entry over
    /// A's as another node would. Returns A's name, B's name and B's create answer.
    /// </summary>
    private async Task<(string Name, string OtherName, ApiResponse Other)> ReplaceWithAnotherKeyAsync()
    {
        var name = EngineHostFixture.UniqueName("k");
        var otherName = EngineHostFixture.UniqueName("other");
        var mine = await _api.CreateKeyAsync(name);
        Assert.Equal(mine.String("fingerprint"), (await _api.GetAsync($"keys/{name}")).String("fingerprint"));
        var other = await _api.CreateKeyAsync(otherName);
        var otherStored = await _api.ReadStorageAsync($"key/{otherName}")
            ?? throw new InvalidOperationException($"key/{otherName} is not in storage");

        var written = await _api.WriteStorageAsync($"key/{name}", otherStored);

        written.AssertStatus(204);
        Assert.DoesNotContain("InvalidateKey failed", fixture.Host.Log, StringComparison.Ordinal);
        Assert.NotEqual(mine.String("fingerprint"), other.String("fingerprint"));
        return (name, otherName, other);
    }
}
