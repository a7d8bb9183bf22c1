using System.Text.Json.Nodes;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// A dev host of its own for the engine tests: only the published product plugin, at <c>gpg/</c> (where the tests
/// write) and at <c>gpg-empty/</c> (never written, for the empty-list answer). Two keys that many tests sign with are
/// made once here: an Ed25519 key and an RSA-2048 key.
/// </summary>
public sealed class EngineHostFixture : IAsyncLifetime
{
    public const string Mount = "gpg";
    public const string EmptyMount = "gpg-empty";
    public const string Ed25519Key = "shared-ed25519";
    public const string RsaKey = "shared-rsa2048";

    private DevHostProcess? _host;
    private HttpClient? _client;

    public DevHostProcess Host => _host ?? throw new InvalidOperationException("the dev host is not started");

    internal EngineApi Api => new(_client ?? throw new InvalidOperationException("the dev host is not started"));

    /// <summary>The primary fingerprints of <see cref="Ed25519Key"/> and <see cref="RsaKey"/>.</summary>
    public string Ed25519Fingerprint { get; private set; } = "";

    public string RsaFingerprint { get; private set; } = "";

    /// <summary>The pid of the plugin process at start: a later different pid means the plugin died and was relaunched.</summary>
    public int PluginPid { get; private set; }

    public async Task InitializeAsync()
    {
        _host = await DevHostProcess.StartAsync(
            [$"{Mount}={DevHostPaths.ProductPlugin}", $"{EmptyMount}={DevHostPaths.ProductPlugin}"],
            ["-log-level", "info"],
            CancellationToken.None);
        _client = _host.CreateClient();
        var ed = await Api.CreateKeyAsync(Ed25519Key, new JsonObject { ["key_type"] = "ed25519", ["real_name"] = "Engine Tests Ed25519" });
        var rsa = await Api.CreateKeyAsync(RsaKey, new JsonObject { ["key_type"] = "rsa", ["key_bits"] = 2048, ["real_name"] = "Engine Tests RSA" });
        Ed25519Fingerprint = ed.String("fingerprint");
        RsaFingerprint = rsa.String("fingerprint");
        PluginPid = await _host.PluginPidAsync(Mount, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>Asserts that the plugin still serves requests and is the process started with the host.</summary>
    public async Task AssertPluginAliveAsync()
    {
        Assert.Equal(200, (await Api.GetAsync($"keys/{Ed25519Key}")).Status);
        Assert.Equal(PluginPid, await Host.PluginPidAsync(Mount, CancellationToken.None));
    }

    /// <summary>A key name no other test uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
