using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// Validity on every request, through the published plugin on the dev host with the real clock: a key created with a
/// 3 s expiry signs at once and refuses 5 s later, without a restart; gpg then reports the earlier signature EXPKEYSIG.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class KeyExpiryTests(EngineHostFixture fixture)
{
    private static readonly byte[] Artefact = Encoding.UTF8.GetBytes("signed before the key expired\n");

    private readonly EngineApi _api = fixture.Api;

    [GpgFact]
    public async Task Sign_KeyWithThreeSecondExpiryFiveSecondsLater_400SayingWhenItExpired()
    {
        // Arrange
        var name = EngineHostFixture.UniqueName("expiring");
        var created = await _api.CreateKeyAsync(name, new JsonObject { ["expires"] = 3 });
        var before = await _api.PostAsync($"sign/{name}", new JsonObject { ["input"] = Convert.ToBase64String(Artefact) });

        // Act
        await Task.Delay(TimeSpan.FromSeconds(5));
        var after = await _api.PostAsync($"sign/{name}", new JsonObject { ["input"] = Convert.ToBase64String(Artefact) });
        var read = await _api.GetAsync($"keys/{name}");

        // Assert
        before.AssertStatus(200);
        after.AssertStatus(400);
        var expiresAt = created.String("expires_at");
        Assert.Contains($"key \"{name}\" cannot sign: the key expired at {expiresAt} and cannot sign", after.Errors, StringComparison.Ordinal);
        Assert.True(read.Data["expired"]!.GetValue<bool>());
        Assert.False(read.Data["can_sign"]!.GetValue<bool>());
        await using var gpg = GpgOracle.Create();
        await GpgChecks.ImportPublicKeyAsync(gpg, _api, name);
        var (result, _) = await gpg.VerifyDetachedAsync(Artefact, Convert.FromBase64String(before.String("signature")));
        Assert.True(result.Has("EXPKEYSIG"), result.ToString());
    }
}
