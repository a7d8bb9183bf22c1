using System.Globalization;
using System.Text.Json;
using Grpc.Health.V1;
using VaultGpg.Plugin.Tests.Protocol.Support;
using VaultGpg.PluginSdk.Hosting.Proto.Logical;
using VaultGpg.PluginSdk.Hosting.Proto.Plugin;

namespace VaultGpg.Plugin.Tests.Protocol;

/// <summary>
/// What go-plugin reads from the plugin's standard streams over a whole session: stdout holds the handshake line and
/// nothing else; every stderr line is an hclog JSON object whose @level, @message and @timestamp are strings
/// (a non-string panics Vault's log goroutine) with a level Vault knows and a timestamp in hclog's layout.
/// </summary>
public sealed class OutputHygieneTests
{
    private static readonly string[] Levels = ["trace", "debug", "info", "warn", "error"];

    [Fact]
    public async Task Session_FromStartToShutdown_StdoutIsOnlyTheHandshakeAndStderrIsHclogJson()
    {
        await using var host = await FakeVaultHost.StartAsync();
        await RunSessionAsync(host);

        Assert.Equal(host.Handshake.Line + "\n", host.Stdout);
        Assert.NotEmpty(host.StderrLines);
        Assert.All(host.StderrLines, AssertHclogLine);
    }

    private static async Task RunSessionAsync(FakeVaultHost host)
    {
        await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest { Service = "plugin" });
        await new PluginVersion.PluginVersionClient(host.Channel).VersionAsync(new VaultGpg.PluginSdk.Hosting.Proto.Logical.Empty());

        // A refused client produces a warning line as well.
        using var impostor = GoPluginCertificates.CreateVaultLike();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
            await new Health.HealthClient(host.CreateChannel(impostor)).CheckAsync(new HealthCheckRequest()));

        await host.SignalAsync("INT");
        await host.WaitForStderrAsync(l => l.Contains("SIGINT", StringComparison.Ordinal));
        await new GRPCController.GRPCControllerClient(host.Channel).ShutdownAsync(new VaultGpg.PluginSdk.Hosting.Proto.Plugin.Empty());
        await host.WaitForExitAsync(TimeSpan.FromSeconds(2));
    }

    internal static void AssertHclogLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        foreach (var key in new[] { "@level", "@message", "@timestamp" })
        {
            Assert.True(root.TryGetProperty(key, out var value), $"{key} missing in {line}");
            Assert.Equal(JsonValueKind.String, value.ValueKind);
        }

        Assert.Contains(root.GetProperty("@level").GetString(), Levels);
        Assert.Equal("vault-plugin-secrets-gpg", root.GetProperty("@module").GetString());
        // go-hclog's TimeFormatJSON: 2006-01-02T15:04:05.000000Z07:00 (exactly six fractional digits).
        Assert.True(
            DateTimeOffset.TryParseExact(root.GetProperty("@timestamp").GetString(), "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || DateTimeOffset.TryParseExact(root.GetProperty("@timestamp").GetString(), "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'",
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
            $"bad @timestamp in {line}");
    }
}
