using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>
/// The published plugin SIGKILLed while 16 clients sign with the log on: the dev host relaunches it (and its storage,
/// a file, survives a restart of the dev host too), and afterwards the log must be consistent with every checkpoint
/// anyone was served before, hold every signature that was returned, and have given no index twice. Go's sumdb/tlog
/// (tests/tlog-judge) judges the tree and the consistency proofs.
/// </summary>
[Collection(DevHostCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class DevHostTransparencyLogCrashTests
{
    private const string Mount = "gpglog";
    private const string Origin = "crash.test/v1/" + Mount + "/log";
    private const int Clients = 16;
    private const int Kills = 3;
    private const int SignaturesBetweenKills = 40;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [TlogJudgeFact]
    public async Task PluginKilledMidAppend_AfterRestart_LogKeepsEveryServedCheckpointAndEveryReturnedSignature()
    {
        var dir = TemporaryDirectory.CreateShort("tlogcrash");
        try
        {
            string[] mounts = [$"{Mount}={DevHostPaths.ProductPlugin}"];
            string[] arguments = ["-storage-file", Path.Combine(dir, "storage.json"), "-rollback-interval", "0"];
            var signed = new ConcurrentQueue<(byte[] File, byte[] Signature, long Index)>();
            var served = new ConcurrentQueue<byte[]>();

            // Arrange and act: the log on, 16 signing clients and a checkpoint reader, the plugin killed three times.
            await using (var host = await DevHostProcess.StartAsync(mounts, arguments, CancellationToken.None))
            {
                using var vault = host.CreateClient();
                var (configured, _) = await DevHostHttp.SendAsync(vault, HttpMethod.Post, $"v1/{Mount}/log/config", new { origin = Origin }, CancellationToken.None);
                Assert.Equal(200, configured);
                var (created, _) = await DevHostHttp.SendAsync(vault, HttpMethod.Post, $"v1/{Mount}/keys/release", new { key_type = "ed25519", real_name = "Crash" }, CancellationToken.None);
                Assert.Equal(200, created);

                using var stop = new CancellationTokenSource();
                var load = Enumerable.Range(0, Clients).Select(c => SignUntilStoppedAsync(vault, c, signed, stop.Token))
                    .Append(ReadCheckpointsUntilStoppedAsync(host, served, stop.Token))
                    .ToList();
                try
                {
                    for (var kill = 1; kill <= Kills; kill++)
                    {
                        await WaitUntilAsync(() => signed.Count >= kill * SignaturesBetweenKills, host);
                        var pid = await host.PluginPidAsync(Mount, CancellationToken.None);
                        using (var plugin = Process.GetProcessById(pid))
                        {
                            plugin.Kill(); // SIGKILL: whatever append runs stops between two storage writes
                        }

                        await WaitUntilAsync(() => !DevHostProcess.IsAlive(pid), host);
                    }

                    // The relaunched plugin goes on signing.
                    await WaitUntilAsync(() => signed.Count >= (Kills + 1) * SignaturesBetweenKills, host);
                }
                finally
                {
                    await stop.CancelAsync();
                    await Task.WhenAll(load);
                }

                Assert.Equal(0, await host.StopAsync(CancellationToken.None));
            }

            // Assert, on a dev host restarted on the same storage file, reading as anyone does.
            await using var restarted = await DevHostProcess.StartAsync(mounts, arguments, CancellationToken.None);
            using var anonymous = restarted.CreateClient(token: "");
            var verifierKey = Encoding.UTF8.GetString(await DevHostHttp.GetRawAsync(anonymous, $"v1/{Mount}/log/verifier-key")).Trim();
            var log = await TlogJudge.DownloadLogAsync(path => DevHostHttp.GetRawAsync(anonymous, $"v1/{Mount}/log/{path}"));
            try
            {
                var final = Checkpoint.Parse(SignedNote.Parse(await File.ReadAllBytesAsync(Path.Combine(log, "checkpoint"))).Text);
                var tree = await TlogJudge.CheckLogAsync(verifierKey, log);
                Assert.True(tree.ExitCode == 0, $"Go judge, tree after the kills: {tree.Stdout}{tree.Stderr}");

                await AssertConsistentWithEveryServedAsync(anonymous, verifierKey, log, final, served);
                AssertEverySignatureLoggedOnce(log, final, signed);
            }
            finally
            {
                TemporaryDirectory.DeleteQuietly(log);
            }
        }
        finally
        {
            TemporaryDirectory.DeleteQuietly(dir);
        }
    }

    /// <summary>Every checkpoint served before is the final one or has a consistency proof to it that Go accepts.</summary>
    private static async Task AssertConsistentWithEveryServedAsync(
        HttpClient anonymous, string verifierKey, string log, Checkpoint final, IEnumerable<byte[]> served)
    {
        var finalNote = await File.ReadAllBytesAsync(Path.Combine(log, "checkpoint"));
        var proofs = Path.Combine(log, "consistency");
        var older = served.Select(c => Encoding.UTF8.GetString(c)).Distinct().ToList();
        Assert.True(older.Count >= Kills, $"only {older.Count} distinct checkpoints were served during the run");
        foreach (var (note, i) in older.Select((n, i) => (n, i)))
        {
            var checkpoint = Checkpoint.Parse(SignedNote.Parse(note).Text);
            Assert.True(checkpoint.Size <= final.Size, $"served size {checkpoint.Size} is beyond the log's size {final.Size} after the kills");
            if (checkpoint.Size == final.Size)
            {
                Assert.Equal(final.RootHash, checkpoint.RootHash);
                continue;
            }

            if (checkpoint.Size == 0)
            {
                continue;
            }

            var (status, answer) = await DevHostHttp.SendAsync(
                anonymous, HttpMethod.Get, $"v1/{Mount}/log/proof/consistency?old_size={checkpoint.Size}&new_size={final.Size}", null, CancellationToken.None);
            Assert.Equal(200, status);
            var name = i.ToString(CultureInfo.InvariantCulture);
            TlogJudge.WriteFile(proofs, name + ".old", note);
            TlogJudge.WriteFile(proofs, name + ".new", finalNote);
            TlogJudge.WriteFile(proofs, name + ".proof", string.Concat(answer!["data"]!["proof"]!.AsArray().Select(h => h!.GetValue<string>() + "\n")));
        }

        var judged = await TlogJudge.CheckConsistencyAsync(verifierKey, proofs);
        Assert.True(judged.ExitCode == 0, $"Go judge, consistency with the served checkpoints: {judged.Stdout}{judged.Stderr}");
    }

    /// <summary>
    /// Every returned signature has its own index, below the final size, and the entry there (which the Go judge found
    /// to hash to its leaf) is the one rebuilt from the file and the signature: their digests.
    /// </summary>
    private static void AssertEverySignatureLoggedOnce(string log, Checkpoint final, ConcurrentQueue<(byte[] File, byte[] Signature, long Index)> signed)
    {
        var entries = TileLayout.TilesAt(final.Size).Where(t => t.IsEntryBundle).OrderBy(t => t.Index)
            .SelectMany(t => EntryBundle.Decode(File.ReadAllBytes(Path.Combine(log, t.Path))))
            .ToList();
        Assert.Equal(final.Size, entries.Count);
        Assert.Equal(signed.Count, signed.Select(s => s.Index).Distinct().Count());
        foreach (var (file, signature, index) in signed)
        {
            Assert.True(index < final.Size, $"returned index {index} is not in the size {final.Size} log");
            var entry = Encoding.UTF8.GetString(entries[(int)index]);
            Assert.Contains($"\ndigest sha256:{Convert.ToHexStringLower(SHA256.HashData(file))}\n", entry, StringComparison.Ordinal);
            Assert.Contains($"\nsignature sha256:{Convert.ToHexStringLower(SHA256.HashData(signature))}\n", entry, StringComparison.Ordinal);
        }
    }

    /// <summary>Signs fresh files until stopped; keeps what came back with 200 (a request the kill broke may fail).</summary>
    private static async Task SignUntilStoppedAsync(
        HttpClient vault, int client, ConcurrentQueue<(byte[] File, byte[] Signature, long Index)> signed, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var file = Encoding.UTF8.GetBytes($"client {client} file {n} {Guid.NewGuid():N}\n");
            try
            {
                var (status, answer) = await DevHostHttp.SendAsync(
                    vault, HttpMethod.Post, $"v1/{Mount}/sign/release", new { input = Convert.ToBase64String(file) }, CancellationToken.None);
                if (status == 200)
                {
                    var data = answer!["data"]!;
                    signed.Enqueue((file, Convert.FromBase64String(data["signature"]!.GetValue<string>()), data["log_index"]!.GetValue<long>()));
                }
            }
            catch (HttpRequestException)
            {
                // The connection broke with the plugin: nothing was returned.
            }
        }
    }

    /// <summary>Reads the public checkpoint as a monitor does, as often as it can, keeping every one served.</summary>
    private static async Task ReadCheckpointsUntilStoppedAsync(DevHostProcess host, ConcurrentQueue<byte[]> served, CancellationToken stop)
    {
        using var anonymous = host.CreateClient(token: "");
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await anonymous.GetAsync(new Uri($"v1/{Mount}/log/checkpoint", UriKind.Relative), CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    served.Enqueue(await response.Content.ReadAsByteArrayAsync(CancellationToken.None));
                }
            }
            catch (HttpRequestException)
            {
                // The plugin was being relaunched.
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, DevHostProcess host)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Patience, $"gave up after {Patience}; end of the dev host log:\n{host.Log[^Math.Min(host.Log.Length, 4000)..]}");
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
