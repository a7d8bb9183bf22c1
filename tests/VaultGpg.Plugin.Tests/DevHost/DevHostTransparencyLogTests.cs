using System.Security.Cryptography;
using System.Text;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>
/// The transparency log as a user meets it: the published plugin behind Vault's HTTP API (the dev host) serves the
/// verifier key, checkpoint and tiles to anyone without a token, byte-exact, and Go's own sumdb/tlog and sumdb/note
/// (tests/tlog-judge) rebuild the tree from what was downloaded and check the proofs the sign answers carried.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostTransparencyLogTests(DevHostFixture fixture)
{
    private const string Mount = DevHostFixture.LogMount;
    private const string Origin = "devhost.test/v1/" + Mount + "/log";
    private readonly DevHostProcess _host = fixture.Host;

    [TlogJudgeFact]
    public async Task SignWithLogOn_AnonymousReaderDownloadsTheLog_GoJudgeAcceptsTreeAndProofs()
    {
        // Arrange: the log on, one key, three signed files with their proofs.
        using var vault = _host.CreateClient();
        var (configured, config) = await DevHostHttp.SendAsync(vault, HttpMethod.Post, $"v1/{Mount}/log/config", new { origin = Origin }, CancellationToken.None);
        Assert.Equal(200, configured);
        var (created, _) = await DevHostHttp.SendAsync(vault, HttpMethod.Post, $"v1/{Mount}/keys/release", new { key_type = "ed25519", real_name = "Log" }, CancellationToken.None);
        Assert.Equal(200, created);
        var files = Enumerable.Range(0, 3).Select(i => Encoding.UTF8.GetBytes($"release artefact {i}\n")).ToList();
        var proofs = new List<string>();
        var indexes = new List<long>();
        foreach (var file in files)
        {
            var (status, signed) = await DevHostHttp.SendAsync(
                vault, HttpMethod.Post, $"v1/{Mount}/sign/release", new { input = Convert.ToBase64String(file), log_proof = true }, CancellationToken.None);
            Assert.Equal(200, status);
            proofs.Add(signed!["data"]!["log_proof"]!.GetValue<string>());
            indexes.Add(signed["data"]!["log_index"]!.GetValue<long>());
        }

        // Act: what anyone can read, with no token at all.
        using var anonymous = _host.CreateClient(token: "");
        var verifierKey = Encoding.UTF8.GetString(await DevHostHttp.GetRawAsync(anonymous, $"v1/{Mount}/log/verifier-key")).Trim();
        var dir = await TlogJudge.DownloadLogAsync(path => DevHostHttp.GetRawAsync(anonymous, $"v1/{Mount}/log/{path}"));
        try
        {
            var size = Checkpoint.Parse(SignedNote.Parse(await File.ReadAllBytesAsync(Path.Combine(dir, "checkpoint"))).Text).Size;
            for (var i = 0; i < proofs.Count; i++)
            {
                TlogJudge.WriteFile(dir, $"proofs/{i}.tlog-proof", proofs[i]);
                TlogJudge.WriteFile(dir, $"proofs/{i}.entry", TlogProof.Parse(proofs[i]).Extra!);
            }

            var log = await TlogJudge.CheckLogAsync(verifierKey, dir);
            var checkedProofs = await TlogJudge.CheckProofsAsync(verifierKey, Path.Combine(dir, "proofs"));
            var (configWithoutToken, _) = await DevHostHttp.SendAsync(anonymous, HttpMethod.Get, $"v1/{Mount}/log/config", null, CancellationToken.None);

            // Assert
            Assert.Equal(config!["data"]!["verifier_key"]!.GetValue<string>(), verifierKey);
            Assert.True(log.ExitCode == 0, $"Go judge, tree: {log.Stdout}{log.Stderr}");
            Assert.True(checkedProofs.ExitCode == 0, $"Go judge, proofs: {checkedProofs.Stdout}{checkedProofs.Stderr}");
            Assert.Equal(3, indexes.Distinct().Count());
            Assert.True(size >= indexes.Max() + 1, $"checkpoint size {size} does not cover index {indexes.Max()}");
            for (var i = 0; i < files.Count; i++)
            {
                // The entry names the file as the user holds it: its SHA-256, which anyone can recompute.
                var entry = Encoding.UTF8.GetString(TlogProof.Parse(proofs[i]).Extra!);
                Assert.Contains($"sha256:{Convert.ToHexStringLower(SHA256.HashData(files[i]))}", entry, StringComparison.Ordinal);
            }

            Assert.Equal(403, configWithoutToken);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
