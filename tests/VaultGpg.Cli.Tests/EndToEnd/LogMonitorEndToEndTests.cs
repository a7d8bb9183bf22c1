using System.Security.Cryptography;
using System.Text;
using VaultGpg.Cli.Commands.Log;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// <c>vaultgpg log monitor</c> against the dev host's log (the published plugin, log on): what the key signed is
/// listed, an unexpected signature exits 1, and a log changed on its way to the monitor or forked (the host's storage
/// restored to an earlier state and signed again) raises the alarm and keeps the state.
/// </summary>
public sealed class LogMonitorEndToEndTests : IAsyncLifetime
{
    private readonly string _dir = TemporaryDirectory.CreateShort("lme");
    private LogHost? _log;

    private LogHost Log => _log ?? throw new InvalidOperationException("not started");

    private string StatePath => Path.Combine(_dir, "state.json");

    public async Task InitializeAsync() => _log = await LogHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }

        TemporaryDirectory.DeleteQuietly(_dir);
    }

    [Fact]
    public async Task Monitor_ExpectedSignatures_ListedAndExitZero_ThenARogueOneExitsOne()
    {
        await Log.SignAsync("release 1.0 a");
        await Log.SignAsync("release 1.0 b");
        var expected = Path.Combine(_dir, "expected");
        await File.WriteAllTextAsync(expected, $"event create release\n{Sha256("release 1.0 a")}  a\ndigest sha256:{Sha256("release 1.0 b")}\n");

        var first = await MonitorAsync("--expected", expected);
        await Log.SignAsync("trojan");
        var second = await MonitorAsync("--expected", expected);

        Assert.True(first.Exit == 0, first.ToString());
        var lines = first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("0 key-event release create key=", lines[0], StringComparison.Ordinal);
        Assert.Contains($"1 signature release key=", lines[1], StringComparison.Ordinal);
        Assert.Contains($"digest=sha256:{Sha256("release 1.0 a")}", lines[1], StringComparison.Ordinal);
        Assert.Contains($"digest=sha256:{Sha256("release 1.0 b")}", lines[2], StringComparison.Ordinal);
        Assert.Contains("size 3 (was 0), verified; 3 event(s) of watched keys, 0 unexpected", lines[3], StringComparison.Ordinal);
        Assert.True(second.Exit == MonitorCommand.UnexpectedExitCode, second.ToString());
        var rogue = second.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("3 signature release", rogue[0], StringComparison.Ordinal);
        Assert.Contains($"digest=sha256:{Sha256("trojan")}", rogue[0], StringComparison.Ordinal);
        Assert.EndsWith("UNEXPECTED", rogue[0], StringComparison.Ordinal);
        Assert.Contains("size 4 (was 3)", rogue[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_EntryChangedInTransit_Alarms()
    {
        await Log.SignAsync("release 1.0 a");

        var result = await MonitorAsync(wrap: h => new ChangingHandler(h, "/log/tile/entries/", Replace("name release", "name trojan!")));

        Assert.True(result.Exit == MonitorCommand.AlarmExitCode, result.ToString());
        Assert.True(result.Error.Contains("ALARM: the log's entries and tiles do not hash to the root", StringComparison.Ordinal), result.Error);
        Assert.False(File.Exists(StatePath));
    }

    [Fact]
    public async Task Monitor_TileChangedInTransit_Alarms_AndKeepsTheState()
    {
        await Log.SignAsync("release 1.0 a");
        Assert.Equal(0, (await MonitorAsync()).Exit);
        var saved = await File.ReadAllBytesAsync(StatePath);
        await Log.SignAsync("release 1.0 b");

        var result = await MonitorAsync(wrap: h => new ChangingHandler(h, "/log/tile/0/", FlipFirstByte));

        Assert.True(result.Exit == MonitorCommand.AlarmExitCode, result.ToString());
        Assert.Contains("do not hash to the root", result.Error, StringComparison.Ordinal);
        Assert.Equal(saved, await File.ReadAllBytesAsync(StatePath));
    }

    [Fact]
    public async Task Monitor_CheckpointChangedInTransit_Alarms()
    {
        await Log.SignAsync("release 1.0 a");

        var result = await MonitorAsync(wrap: h => new ChangingHandler(h, "/log/checkpoint", Replace("\n2\n", "\n1\n")));

        Assert.True(result.Exit == MonitorCommand.AlarmExitCode, result.ToString());
        Assert.Contains("not signed by the log key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_StorageRestoredAndSignedAgain_AlarmsWithBothCheckpoints()
    {
        // Arrange: a host on a storage file; a snapshot after one signature; two more seen by the monitor.
        var storage = Path.Combine(_dir, "storage.json");
        var snapshot = Path.Combine(_dir, "snapshot.json");
        string seen;
        await using (var first = await LogHost.StartAsync(storage))
        {
            await first.SignAsync("release 1.0 a");
            File.Copy(storage, snapshot);
            await first.SignAsync("release 1.0 b");
            var monitored = await MonitorAsync(first);
            Assert.True(monitored.Exit == 0, monitored.ToString());
            seen = Encoding.UTF8.GetString(await first.ReadLogAsync("checkpoint"));
        }

        var saved = await File.ReadAllBytesAsync(StatePath);

        // Act: the storage rolled back to the snapshot and another signature made at the same index.
        File.Copy(snapshot, storage, overwrite: true);
        await using var forked = await LogHost.StartAsync(storage);
        await forked.SignAsync("trojan");
        var result = await MonitorAsync(forked);

        // Assert
        Assert.True(result.Exit == MonitorCommand.AlarmExitCode, result.ToString());
        Assert.Contains("ALARM: the log signed two trees of the same size", result.Error, StringComparison.Ordinal);
        Assert.Contains(seen, result.Error, StringComparison.Ordinal);
        Assert.Contains(Encoding.UTF8.GetString(await forked.ReadLogAsync("checkpoint")), result.Error, StringComparison.Ordinal);
        Assert.Equal(saved, await File.ReadAllBytesAsync(StatePath));
    }

    private Task<(int Exit, string Out, string Error)> MonitorAsync(params string[] extra) => MonitorAsync(Log, extra);

    private Task<(int Exit, string Out, string Error)> MonitorAsync(Func<HttpMessageHandler, HttpMessageHandler> wrap) => MonitorAsync(Log, [], wrap);

    private Task<(int Exit, string Out, string Error)> MonitorAsync(LogHost log, string[]? extra = null, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null) =>
        log.RunVaultgpgAsync(["log", "monitor", "--log-key", log.VerifierKey, "--key", LogHost.KeyName, "--state", StatePath, .. extra ?? []], wrap);

    private static string Sha256(string data) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data)));

    /// <summary>Replaces the first <paramref name="from"/> by <paramref name="to"/> (as long) in place: a bundle's length prefixes are binary.</summary>
    private static Func<byte[], byte[]> Replace(string from, string to) =>
        body =>
        {
            var at = body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(from));
            Assert.True(at >= 0, $"\"{from}\" is not in the answer");
            Encoding.UTF8.GetBytes(to).CopyTo(body, at);
            return body;
        };

    private static byte[] FlipFirstByte(byte[] body)
    {
        body[0] ^= 1;
        return body;
    }
}
