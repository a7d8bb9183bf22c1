using System.Text.Json.Nodes;
using VaultGpg.Cli.Commands;
using VaultGpg.Cli.Commands.Log;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Tests.Commands.Log;

public sealed class MonitorCommandTests : IDisposable
{
    private const string Release = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Other = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private readonly string _dir = TemporaryDirectory.CreateShort("mon");

    private string StatePath => Path.Combine(_dir, "state.json");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_dir);

    [Fact]
    public async Task Monitor_FirstRunFromEmptyState_ListsTheWatchedKeysEventsAndSignaturesOnly()
    {
        var log = new FakeTlog().Append(
            FakeTlog.Created("release", Release), FakeTlog.Created("other", Other), FakeTlog.Signed(Release, "a"), FakeTlog.Signed(Other, "b"));

        var (exit, cli) = await MonitorAsync(log);

        Assert.True(exit == 0, cli.Error);
        var lines = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("0 key-event release create key=" + Release, lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2 signature release key=" + Release, lines[1], StringComparison.Ordinal);
        Assert.Contains("digest=sha256:" + FakeTlog.Sha256Hex("a"), lines[1], StringComparison.Ordinal);
        Assert.StartsWith("log vault.test/v1/gpg/log: size 4 (was 0), verified; 2 event(s)", lines[2], StringComparison.Ordinal);
        Assert.Equal("key release: 1 signature(s), 1 key event(s), 0 gate event(s) since first watched", lines[3]);
        Assert.Equal(4, lines.Length);
        var state = JsonNode.Parse(await File.ReadAllTextAsync(StatePath))!;
        Assert.Equal(log.CheckpointNote().ToString(), state["checkpoint"]!.GetValue<string>());
        Assert.Equal(1, state["keys"]!["release"]!["signatures"]!.GetValue<long>());
        Assert.Equal(1, state["keys"]!["release"]!["key_events"]!.GetValue<long>());
    }

    [Fact]
    public async Task Monitor_SecondRun_ListsOnlyNewEntriesAcrossBundles_AndAddsToTheCounters()
    {
        var log = new FakeTlog().Append([FakeTlog.Created("release", Release), .. Enumerable.Range(0, 299).Select(i => FakeTlog.Signed(Other, $"x{i}"))]);
        Assert.Equal(0, (await MonitorAsync(log)).Exit);
        log.Append([FakeTlog.Signed(Release, "new"), .. Enumerable.Range(0, 250).Select(i => FakeTlog.Signed(Other, $"y{i}")), FakeTlog.Signed(Release, "last")]);

        var (exit, cli) = await MonitorAsync(log);

        Assert.True(exit == 0, cli.Error);
        var lines = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("300 signature release", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("551 signature release", lines[1], StringComparison.Ordinal);
        Assert.Contains("size 552 (was 300)", lines[2], StringComparison.Ordinal);
        Assert.Equal("key release: 2 signature(s), 1 key event(s), 0 gate event(s) since first watched", lines[3]);
        var state = JsonNode.Parse(await File.ReadAllTextAsync(StatePath))!;
        Assert.Equal(2, state["keys"]!["release"]!["signatures"]!.GetValue<long>());
    }

    [Fact]
    public async Task Monitor_SameSizeOtherRoot_AlarmsWithBothCheckpoints_AndKeepsTheState()
    {
        var signer = Ed25519NoteSigner.Generate(FakeTlog.Origin);
        var seen = new FakeTlog(signer).Append(FakeTlog.Created("release", Release), FakeTlog.Signed(Release, "a"));
        Assert.Equal(0, (await MonitorAsync(seen)).Exit);
        var saved = await File.ReadAllBytesAsync(StatePath);
        var fork = new FakeTlog(signer).Append(FakeTlog.Created("release", Release), FakeTlog.Signed(Release, "trojan"));

        var (exit, cli) = await MonitorAsync(fork);

        Assert.Equal(MonitorCommand.AlarmExitCode, exit);
        Assert.Contains("ALARM: the log signed two trees of the same size", cli.Error, StringComparison.Ordinal);
        Assert.Contains(seen.CheckpointNote().ToString(), cli.Error, StringComparison.Ordinal);
        Assert.Contains(fork.CheckpointNote().ToString(), cli.Error, StringComparison.Ordinal);
        Assert.Equal(saved, await File.ReadAllBytesAsync(StatePath));
    }

    [Fact]
    public async Task Monitor_LargerTreeThatDoesNotExtendTheOldOne_Alarms()
    {
        var signer = Ed25519NoteSigner.Generate(FakeTlog.Origin);
        Assert.Equal(0, (await MonitorAsync(new FakeTlog(signer).Append(FakeTlog.Created("release", Release), FakeTlog.Signed(Release, "a"), FakeTlog.Signed(Release, "b")))).Exit);
        var fork = new FakeTlog(signer).Append(FakeTlog.Created("release", Release), FakeTlog.Signed(Release, "a"), FakeTlog.Signed(Release, "B"), FakeTlog.Signed(Release, "c"));

        var (exit, cli) = await MonitorAsync(fork);

        Assert.Equal(MonitorCommand.AlarmExitCode, exit);
        Assert.Contains("the tree of size 4 does not extend the one of size 3", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_SmallerTreeThanSeen_Alarms()
    {
        var log = new FakeTlog().Append(FakeTlog.Created("release", Release));
        var smaller = new FakeTlog(log.Signer).Append(FakeTlog.Created("release", Release));
        log.Append(FakeTlog.Signed(Release, "a"));
        Assert.Equal(0, (await MonitorAsync(log)).Exit);

        var (exit, cli) = await MonitorAsync(smaller);

        Assert.Equal(MonitorCommand.AlarmExitCode, exit);
        Assert.Contains("smaller than one it signed before", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_ChangedEntry_Alarms_AndWritesNoState()
    {
        var log = new FakeTlog().Append(FakeTlog.Created("release", Release), FakeTlog.Signed(Release, "a"));
        log.Http.Files[FakeTlog.Prefix + "tile/entries/000.p/2"] = EntryBundle.Encode([FakeTlog.Created("release", Release), FakeTlog.Signed(Release, "b")]);

        var (exit, cli) = await MonitorAsync(log);

        Assert.Equal(MonitorCommand.AlarmExitCode, exit);
        Assert.Contains("do not hash to the root of its checkpoint", cli.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(StatePath));
    }

    [Fact]
    public async Task Monitor_ChangedTileOfTheOldTree_Alarms()
    {
        var log = new FakeTlog().Append([.. Enumerable.Range(0, 256).Select(i => FakeTlog.Signed(Other, $"x{i}"))]);
        Assert.Equal(0, (await MonitorAsync(log)).Exit);
        log.Append(FakeTlog.Signed(Release, "new"));
        var tile = log.Http.Files[FakeTlog.Prefix + "tile/1/000.p/1"];
        tile[5] ^= 1;

        var (exit, cli) = await MonitorAsync(log);

        Assert.Equal(MonitorCommand.AlarmExitCode, exit);
        Assert.Contains("do not hash to the root", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_MissingBundle_Alarms()
    {
        var log = new FakeTlog().Append(FakeTlog.Signed(Release, "a"));
        log.Http.Files.Remove(FakeTlog.Prefix + "tile/entries/000.p/1");

        var (exit, cli) = await MonitorAsync(log);

        Assert.Equal(MonitorCommand.AlarmExitCode, exit);
        Assert.Contains("the log's data does not verify: entry bundle", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_CheckpointSignedByAnotherKey_Alarms()
    {
        var log = new FakeTlog().Append(FakeTlog.Signed(Release, "a"));
        var pinned = Ed25519NoteSigner.Generate(FakeTlog.Origin).Verifier.VerifierKey;

        var (exit, cli) = await MonitorAsync(log, logKey: pinned);

        Assert.Equal(MonitorCommand.AlarmExitCode, exit);
        Assert.Contains("not signed by the log key", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_CheckpointOfAnotherOrigin_Alarms()
    {
        var log = new FakeTlog().Append(FakeTlog.Signed(Release, "a"));
        log.Http.Files[FakeTlog.Prefix + "checkpoint"] = SignedNote.Sign(new Checkpoint("other.test/log", 1, log.Tree.Root(1)).Body, log.Signer).ToBytes();

        var (exit, cli) = await MonitorAsync(log);

        Assert.Equal(MonitorCommand.AlarmExitCode, exit);
        Assert.Contains("origin \"other.test/log\" is not the log key's name", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_SignatureNotInTheExpectedList_ExitsWithTheUnexpectedCode()
    {
        var log = new FakeTlog().Append(FakeTlog.Created("release", Release), FakeTlog.Signed(Release, "a"), FakeTlog.Signed(Release, "rogue"));
        var expected = Path.Combine(_dir, "expected");
        await File.WriteAllTextAsync(expected, $"# release 1.0\n{FakeTlog.Sha256Hex("a")}  dist/a.tar.gz\nevent create release\n");

        var (exit, cli) = await MonitorAsync(log, ["--expected", expected]);

        Assert.Equal(MonitorCommand.UnexpectedExitCode, exit);
        var lines = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("UNEXPECTED", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("UNEXPECTED", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("UNEXPECTED", lines[2], StringComparison.Ordinal);
        Assert.Contains("1 unexpected", lines[3], StringComparison.Ordinal);
        Assert.True(File.Exists(StatePath));
    }

    [Fact]
    public async Task Monitor_EverySignatureExpected_ExitsZero()
    {
        var log = new FakeTlog().Append(FakeTlog.Created("release", Release), FakeTlog.Signed(Release, "a"));
        var expected = Path.Combine(_dir, "expected");
        await File.WriteAllTextAsync(expected, $"digest sha256:{FakeTlog.Sha256Hex("a")}\nevent create release\n");

        var (exit, cli) = await MonitorAsync(log, ["--expected", expected]);

        Assert.True(exit == 0, cli.Error + cli.Out);
    }

    [Fact]
    public async Task Monitor_GateEventsOfTheWatchedKey_AreListed_AndAPolicyChangeIsUnexpectedUnlessListed()
    {
        var log = new FakeTlog().Append(
        [
            FakeTlog.Created("release", Release), FakeTlog.Created("other", Other), .. FakeTlog.PolicySet("release", Release), .. FakeTlog.PolicySet("other", Other),
            FakeTlog.Attested("release", "a"), FakeTlog.Attested("other", "b"), FakeTlog.Signed(Release, "a"), FakeTlog.Signed(Other, "b"),
            FakeTlog.Gated(8, "a"), FakeTlog.Gated(9, "b"),
        ]);
        var expected = Path.Combine(_dir, "expected");
        await File.WriteAllTextAsync(expected, $"digest sha256:{FakeTlog.Sha256Hex("a")}\nevent create release\n");

        var (exit, cli) = await MonitorAsync(log, ["--expected", expected]);

        Assert.Equal(MonitorCommand.UnexpectedExitCode, exit);
        Assert.DoesNotContain("not a VaultGpg log entry", cli.Error, StringComparison.Ordinal);
        var lines = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("2 gate-event release policy key=" + Release + " threshold=1 builders=1 policy=sha256:", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("UNEXPECTED", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("3 gate-event release policy-builder policy=sha256:", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("UNEXPECTED", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("6 gate-event release attestation ", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("8 signature release", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("10 gate-event release signature signature-entry=8 digest=sha256:" + FakeTlog.Sha256Hex("a"), lines[5], StringComparison.Ordinal);
        Assert.Equal(["UNEXPECTED", "UNEXPECTED"], lines.Where(l => l.EndsWith("UNEXPECTED", StringComparison.Ordinal)).Select(_ => "UNEXPECTED"));
        Assert.Contains("6 event(s) of watched keys, 2 unexpected", lines[6], StringComparison.Ordinal);
        Assert.Equal("key release: 1 signature(s), 1 key event(s), 4 gate event(s) since first watched", lines[7]);

        File.Delete(StatePath);
        await File.AppendAllTextAsync(expected, "event policy release\n");
        var (listed, _) = await MonitorAsync(log, ["--expected", expected]);

        Assert.Equal(0, listed);
    }

    [Fact]
    public async Task Monitor_GatedSignatureInTheNextRun_IsMatchedThroughTheSignatureEntryOfTheLastRun()
    {
        var log = new FakeTlog().Append(FakeTlog.Created("release", Release), FakeTlog.Signed(Other, "b"), FakeTlog.Signed(Release, "a"));
        Assert.Equal(0, (await MonitorAsync(log)).Exit);
        log.Append(FakeTlog.Gated(1, "b"), FakeTlog.Gated(2, "a"));

        var (exit, cli) = await MonitorAsync(log);

        Assert.True(exit == 0, cli.Error);
        var lines = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("4 gate-event release signature signature-entry=2 ", lines[0], StringComparison.Ordinal);
        Assert.Contains("1 event(s) of watched keys", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_StateOfAnotherLog_IsAUsageError()
    {
        Assert.Equal(0, (await MonitorAsync(new FakeTlog().Append(FakeTlog.Signed(Release, "a")))).Exit);

        var (exit, cli) = await MonitorAsync(new FakeTlog().Append(FakeTlog.Signed(Release, "a")));

        Assert.Equal(2, exit);
        Assert.Contains("its checkpoint is not signed by the log key", cli.Error, StringComparison.Ordinal);
    }

    private async Task<(int Exit, TestCli Cli)> MonitorAsync(FakeTlog log, string[]? extra = null, string? logKey = null)
    {
        var cli = new TestCli();
        string[] args = ["log", "monitor", "--log-key", logKey ?? log.VerifierKey, "--key", "release", "--state", StatePath];
        var exit = await CliApplication.RunAsync(cli.Context with { CreateHttpHandler = _ => log.Http }, [.. args, .. extra ?? []], "vaultgpg", CancellationToken.None);
        return (exit, cli);
    }
}
