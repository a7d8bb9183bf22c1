using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>
/// Vault's plugin lifecycle through the dev host (facts 4.3-4.5): relaunch of a killed plugin, Cleanup + Shutdown on
/// exit within go-plugin's 2 s, a storage file that survives a restart, and the plugin's log lines. Most tests start a
/// dev host of their own because they kill or stop it.
/// </summary>
[Collection(DevHostCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class DevHostLifecycleTests(DevHostFixture fixture)
{
    private static readonly TimeSpan GoPluginKillGrace = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task KilledPlugin_NextRequest_IsServedByARelaunchedPlugin()
    {
        await using var host = await DevHostProcess.StartAsync([$"test={DevHostPaths.TestPlugin}"], ["-rollback-interval", "0"], CancellationToken.None);
        using var client = host.CreateClient();
        await DevHostHttp.SendAsync(client, HttpMethod.Post, "v1/test/kv/survivor", new JsonObject { ["value"] = "kept" }, CancellationToken.None);
        var oldPid = await host.PluginPidAsync("test", CancellationToken.None);

        using (var plugin = Process.GetProcessById(oldPid))
        {
            plugin.Kill(); // SIGKILL: no Cleanup, no Shutdown
        }

        await WaitUntilAsync(() => !DevHostProcess.IsAlive(oldPid), TimeSpan.FromSeconds(5));
        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/test/kv/survivor", null, CancellationToken.None);

        Assert.True(status == 200, $"status {status}; dev host log:\n{host.Log}");
        Assert.Equal("kept", body!["data"]!["value"]!.GetValue<string>());
        var newPid = await host.PluginPidAsync("test", CancellationToken.None);
        Assert.NotEqual(oldPid, newPid);
        Assert.True(DevHostProcess.IsAlive(newPid));
    }

    [Fact]
    public async Task Sigterm_DevHost_PluginCleansUpAndExitsWithinTwoSeconds()
    {
        var host = await DevHostProcess.StartAsync([$"test={DevHostPaths.TestPlugin}"], ["-rollback-interval", "0"], CancellationToken.None);
        await using var _ = host;
        var pluginPid = await host.PluginPidAsync("test", CancellationToken.None);

        var stopwatch = Stopwatch.StartNew();
        await DevHostProcess.SignalAsync(host.Pid, "TERM", CancellationToken.None);
        await WaitUntilAsync(() => !DevHostProcess.IsAlive(pluginPid), TimeSpan.FromSeconds(10));
        var pluginGone = stopwatch.Elapsed;
        var exitCode = await host.StopAsync(CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.True(pluginGone < GoPluginKillGrace, $"plugin took {pluginGone} to exit; dev host log:\n{host.Log}");
        // go-plugin says this when it had to SIGKILL after the 2 s grace: the plugin must exit on its own.
        Assert.DoesNotContain("plugin failed to exit gracefully", host.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("backend cleanup failed", host.Log, StringComparison.Ordinal);
        Assert.Contains("dev host stopped", host.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageFile_DevHostRestart_KeepsTheData()
    {
        var dir = TemporaryDirectory.CreateShort("devhost");
        try
        {
            var file = Path.Combine(dir, "storage.json");
            string[] arguments = ["-storage-file", file, "-rollback-interval", "0"];
            await using (var first = await DevHostProcess.StartAsync([$"test={DevHostPaths.TestPlugin}"], arguments, CancellationToken.None))
            {
                using var client = first.CreateClient();
                var (status, _) = await DevHostHttp.SendAsync(client, HttpMethod.Post, "v1/test/kv/persisted", new JsonObject { ["value"] = "on disk" }, CancellationToken.None);
                Assert.Equal(200, status);
                Assert.Equal(0, await first.StopAsync(CancellationToken.None));
            }

            await using var second = await DevHostProcess.StartAsync([$"test={DevHostPaths.TestPlugin}"], arguments, CancellationToken.None);
            using var client2 = second.CreateClient();
            var (readStatus, body) = await DevHostHttp.SendAsync(client2, HttpMethod.Get, "v1/test/kv/persisted", null, CancellationToken.None);

            Assert.Equal(200, readStatus);
            Assert.Equal("on disk", body!["data"]!["value"]!.GetValue<string>());
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        finally
        {
            TemporaryDirectory.DeleteQuietly(dir);
        }
    }

    [Fact]
    public async Task PluginStderr_EveryLine_IsAnHclogJsonEntry()
    {
        // Make sure the shared host's plugins have logged something beyond start-up.
        using var client = fixture.Host.CreateClient();
        await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/test/boom", null, CancellationToken.None);
        await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/gpg/?help=1", null, CancellationToken.None);

        var lines = await ReadLinesSharedAsync(fixture.PluginStderrFile);

        Assert.NotEmpty(lines);
        Assert.All(lines, AssertHclogLine);
        Assert.Contains(lines, l => l.Contains("\"@level\":\"error\"", StringComparison.Ordinal));
    }

    [Fact]
    public void RegistrationProbe_PluginSetup_LeavesStorageAlone()
    {
        var log = fixture.Host.Log;

        // Both plugins went through Vault's registration probe (Setup without storage, Version, Cleanup, kill) ...
        Assert.Contains("plugin registered: plugin=vault-plugin-secrets-gpg", log, StringComparison.Ordinal);
        Assert.Contains("plugin registered: plugin=vault-plugin-test-paths", log, StringComparison.Ordinal);
        // ... and touched neither storage nor the system view inside Setup, which fails in a real Vault.
        Assert.DoesNotContain("during the registration probe", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_EverySecond_LogsNoErrors()
    {
        // The shared host runs rollback every second; give it a few rounds.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.DoesNotContain("error rolling back", fixture.Host.Log, StringComparison.Ordinal);
        Assert.False(fixture.Host.HasExited);
    }

    private static void AssertHclogLine(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(JsonValueKind.String, root.GetProperty("@message").ValueKind);
        Assert.Contains(root.GetProperty("@level").GetString(), (string[])["trace", "debug", "info", "warn", "error"]);
        // go-plugin parses @timestamp with the layout 2006-01-02T15:04:05.000000Z07:00.
        var timestamp = root.GetProperty("@timestamp").GetString()!;
        Assert.True(
            DateTimeOffset.TryParseExact(timestamp, ["yyyy-MM-dd'T'HH:mm:ss.ffffffK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            $"@timestamp {timestamp} does not have exactly six fractional digits: {line}");
    }

    private static async Task<string[]> ReadLinesSharedAsync(string path)
    {
        // The dev host still appends to the file.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"condition not met within {timeout}");
            }

            await Task.Delay(20);
        }
    }
}
