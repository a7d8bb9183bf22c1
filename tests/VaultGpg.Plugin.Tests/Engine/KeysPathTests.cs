using System.Text.Json.Nodes;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>keys/, keys/:name, keys/:name/config, export/:name and export-public/:name through the dev host's HTTP API.</summary>
[Collection(EngineCollection.Name)]
public sealed class KeysPathTests(EngineHostFixture fixture)
{
    private readonly EngineApi _api = fixture.Api;

    [Fact]
    public async Task ListKeys_EmptyMount_Returns404()
    {
        var answer = await _api.OnMount(EngineHostFixture.EmptyMount).SendAsync(EngineApi.List, "keys");

        answer.AssertStatus(404);
    }

    [Fact]
    public async Task ListKeys_AfterCreate_Returns200WithTheName()
    {
        var name = EngineHostFixture.UniqueName("list");
        await _api.CreateKeyAsync(name);

        var answer = await _api.SendAsync(EngineApi.List, "keys");

        answer.AssertStatus(200);
        var keys = answer.Data["keys"]!.AsArray().Select(k => k!.GetValue<string>()).ToList();
        Assert.Contains(name, keys);
        Assert.Contains(EngineHostFixture.RsaKey, keys);
    }

    [Fact]
    public async Task ListKeys_GetWithListQuery_SameAsList()
    {
        var answer = await _api.GetAsync("keys?list=true");

        answer.AssertStatus(200);
        Assert.Contains(EngineHostFixture.Ed25519Key, answer.Data["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
    }

    [Fact]
    public async Task CreateKey_NewName_Returns200WithTheKeysFacts()
    {
        var name = EngineHostFixture.UniqueName("create");

        var answer = await _api.PostAsync($"keys/{name}", new JsonObject { ["key_type"] = "ed25519", ["real_name"] = "Create Test", ["email"] = "create@example.com" });

        answer.AssertStatus(200);
        Assert.Equal(name, answer.String("name"));
        Assert.Matches("^[0-9a-f]{40}$", answer.String("fingerprint"));
        Assert.Equal("ed25519", answer.String("key_type"));
        Assert.Equal("ed25519", answer.String("curve"));
        Assert.Equal("Create Test <create@example.com>", answer.Data["user_ids"]![0]!.GetValue<string>());
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", answer.String("public_key"), StringComparison.Ordinal);
        Assert.False(answer.Data["exportable"]!.GetValue<bool>());
        Assert.False(answer.Data["deletion_allowed"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task CreateKey_NameTaken_Returns400AndKeepsTheKey(string method)
    {
        var name = EngineHostFixture.UniqueName("taken");
        var original = await _api.CreateKeyAsync(name);

        var again = await _api.SendAsync(new HttpMethod(method), $"keys/{name}", new JsonObject { ["key_type"] = "ecdsa-p256", ["exportable"] = true });
        var read = await _api.GetAsync($"keys/{name}");

        again.AssertStatus(400);
        Assert.Contains("already exists", again.Errors, StringComparison.Ordinal);
        Assert.Equal(original.String("fingerprint"), read.String("fingerprint"));
        Assert.False(read.Data["exportable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task CreateKey_SameNameConcurrently_ExactlyOneWins()
    {
        var name = EngineHostFixture.UniqueName("race");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _api.PostAsync($"keys/{name}", new JsonObject { ["key_type"] = "ed25519", ["real_name"] = "Race" })));

        var winner = Assert.Single(answers, a => a.Status == 200);
        Assert.All(answers.Where(a => a != winner), a => a.AssertStatus(400));
        Assert.Equal(winner.String("fingerprint"), (await _api.GetAsync($"keys/{name}")).String("fingerprint"));
    }

    [Fact]
    public async Task ReadKey_Existing_Returns200WithPublicFactsOnly()
    {
        var answer = await _api.GetAsync($"keys/{EngineHostFixture.RsaKey}");

        answer.AssertStatus(200);
        Assert.Equal(fixture.RsaFingerprint, answer.String("fingerprint"));
        Assert.Equal("rsa", answer.String("key_type"));
        Assert.Equal(2048, answer.Data["key_bits"]!.GetValue<int>());
        Assert.Contains(answer.Data["subkeys"]!.AsArray(), s => s!["capabilities"]!.AsArray().Any(c => c!.GetValue<string>() == "encrypt"));
        Assert.DoesNotContain("PRIVATE KEY", answer.RawBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keys")]
    [InlineData("export")]
    [InlineData("export-public")]
    public async Task Read_MissingKey_Returns404(string path)
    {
        var answer = await _api.GetAsync($"{path}/" + EngineHostFixture.UniqueName("missing"));

        answer.AssertStatus(404);
    }

    [Fact]
    public async Task DeleteKey_WithoutDeletionAllowed_Returns400AndKeepsTheKey()
    {
        var name = EngineHostFixture.UniqueName("nodelete");
        await _api.CreateKeyAsync(name);

        var answer = await _api.DeleteAsync($"keys/{name}");

        answer.AssertStatus(400);
        Assert.Contains("deletion_allowed", answer.Errors, StringComparison.Ordinal);
        (await _api.GetAsync($"keys/{name}")).AssertStatus(200);
    }

    [Fact]
    public async Task DeleteKey_WithDeletionAllowed_Returns204AndRemovesTheKey()
    {
        var name = EngineHostFixture.UniqueName("delete");
        await _api.CreateKeyAsync(name, new JsonObject { ["key_type"] = "ed25519", ["deletion_allowed"] = true });

        var answer = await _api.DeleteAsync($"keys/{name}");

        answer.AssertStatus(204);
        (await _api.GetAsync($"keys/{name}")).AssertStatus(404);
        Assert.Null(await _api.ReadStorageAsync($"key/{name}"));
    }

    [Fact]
    public async Task DeleteKey_Missing_Returns204()
    {
        var answer = await _api.DeleteAsync("keys/" + EngineHostFixture.UniqueName("never"));

        answer.AssertStatus(204);
    }

    [Fact]
    public async Task DeleteKey_AfterConfigAllowsIt_Returns204()
    {
        var name = EngineHostFixture.UniqueName("cfgdelete");
        await _api.CreateKeyAsync(name);

        var config = await _api.PostAsync($"keys/{name}/config", new JsonObject { ["deletion_allowed"] = true });
        var answer = await _api.DeleteAsync($"keys/{name}");

        config.AssertStatus(200);
        answer.AssertStatus(204);
        (await _api.GetAsync($"keys/{name}")).AssertStatus(404);
    }

    /// <summary>Operations a path does not declare are 405, as Vault answers them.</summary>
    [Theory]
    [InlineData("PATCH", "keys/{key}")]
    [InlineData("DELETE", "keys/")]
    [InlineData("POST", "keys/")]
    [InlineData("GET", "keys/{key}/config")]
    [InlineData("DELETE", "keys/{key}/config")]
    [InlineData("POST", "export-public/{key}")]
    [InlineData("DELETE", "export/{key}")]
    [InlineData("GET", "sign/{key}")]
    [InlineData("DELETE", "sign/{key}")]
    [InlineData("PATCH", "sign/{key}")]
    [InlineData("GET", "verify/{key}")]
    [InlineData("GET", "decrypt/{key}")]
    [InlineData("DELETE", "show-session-key/{key}")]
    public async Task Operation_NotDeclaredOnThePath_Returns405(string method, string path)
    {
        var isPatch = method == "PATCH";
        var answer = await _api.SendRawAsync(
            new HttpMethod(method),
            path.Replace("{key}", EngineHostFixture.Ed25519Key, StringComparison.Ordinal),
            method is "POST" or "PATCH" ? "{}" : null,
            isPatch ? "application/merge-patch+json" : "application/json");

        answer.AssertStatus(405);
        Assert.Contains("unsupported operation", answer.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_ExistingKey_Returns200WithTheNewSettings()
    {
        var name = EngineHostFixture.UniqueName("config");
        await _api.CreateKeyAsync(name);

        var answer = await _api.PostAsync($"keys/{name}/config", new JsonObject { ["exportable"] = true });
        var read = await _api.GetAsync($"keys/{name}");

        answer.AssertStatus(200);
        Assert.True(answer.Data["exportable"]!.GetValue<bool>());
        Assert.False(answer.Data["deletion_allowed"]!.GetValue<bool>());
        Assert.True(read.Data["exportable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Config_MissingKey_Returns400KeyNotFound()
    {
        var answer = await _api.PostAsync("keys/" + EngineHostFixture.UniqueName("nocfg") + "/config", new JsonObject { ["exportable"] = true });

        answer.AssertStatus(400);
        Assert.Contains("key not found", answer.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_ExportableBackToFalse_Returns400AndStaysExportable()
    {
        var name = EngineHostFixture.UniqueName("oneway");
        await _api.CreateKeyAsync(name, new JsonObject { ["key_type"] = "ed25519", ["exportable"] = true });

        var answer = await _api.PostAsync($"keys/{name}/config", new JsonObject { ["exportable"] = false });

        answer.AssertStatus(400);
        Assert.Contains("exportable", answer.Errors, StringComparison.Ordinal);
        Assert.True((await _api.GetAsync($"keys/{name}")).Data["exportable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Export_NotExportable_Returns400()
    {
        var answer = await _api.GetAsync($"export/{EngineHostFixture.Ed25519Key}");

        answer.AssertStatus(400);
        Assert.Contains("not exportable", answer.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", answer.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_PassphraseInUrl_Returns400()
    {
        var name = EngineHostFixture.UniqueName("exporturl");
        await _api.CreateKeyAsync(name, new JsonObject { ["key_type"] = "ed25519", ["exportable"] = true });

        var answer = await _api.GetAsync($"export/{name}?passphrase=secret");

        answer.AssertStatus(400);
        Assert.Contains("passphrase", answer.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportPublic_Existing_Returns200WithThePublicKey()
    {
        var answer = await _api.GetAsync($"export-public/{EngineHostFixture.RsaKey}");

        answer.AssertStatus(200);
        Assert.Equal(EngineHostFixture.RsaKey, answer.String("name"));
        Assert.Equal(fixture.RsaFingerprint, answer.String("fingerprint"));
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", answer.String("public_key"), StringComparison.Ordinal);
    }
}
