using System.Text.Json.Nodes;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Tests.Signing;

public sealed class FileSignerLogProofTests : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vgl-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [Fact]
    public async Task Sign_LogProofInABatch_AsksForProofsAndWritesEachBesideItsSignature()
    {
        // Arrange: a fake Vault whose answers carry log_index and the tlog-proof for it.
        var files = await WriteFilesAsync(3);
        var cli = FakeKeys.BatchSigningCli();
        var signing = cli.Vault.Respond;
        // The client may send batches in parallel: each item takes its index once, atomically.
        var next = 6L;
        cli.Vault.Respond = request =>
        {
            var (status, body) = signing(request);
            foreach (var item in body?["data"]?["batch_results"]?.AsArray() ?? [])
            {
                var index = Interlocked.Increment(ref next);
                item!["log_index"] = index;
                item["log_proof"] = Proof(index);
            }

            return (status, body);
        };

        // Act
        var exit = await cli.RunAsync(["sign", "--key", "release", "--armor", "--quiet", "--log-proof", .. files]);

        // Assert
        Assert.Equal(0, exit);
        Assert.All(cli.Vault.Requests.Where(r => r.Method == "POST"), r => Assert.True(r.Body!["log_proof"]!.GetValue<bool>()));
        var indexes = new List<long>();
        foreach (var file in files)
        {
            Assert.True(File.Exists(file + ".asc"));
            indexes.Add(TlogProof.Parse(await File.ReadAllTextAsync(file + ".asc.tlog-proof")).Index);
        }

        Assert.Equal([7, 8, 9], indexes.Order());
    }

    [Theory]
    [InlineData(false, "the mount's transparency log is off")]
    [InlineData(true, "Vault returned no valid log_proof")]
    public async Task Sign_LogProofButNoProofInTheAnswer_FailsEachFileAndWritesNothing(bool withIndex, string message)
    {
        var files = await WriteFilesAsync(2);
        var cli = FakeKeys.BatchSigningCli();
        var signing = cli.Vault.Respond;
        cli.Vault.Respond = request =>
        {
            var (status, body) = signing(request);
            foreach (var item in body?["data"]?["batch_results"]?.AsArray() ?? [])
            {
                item!["log_index"] = withIndex ? 3 : null;
                item["log_proof"] = withIndex ? "not a proof" : null;
            }

            return (status, body);
        };

        var exit = await cli.RunAsync(["sign", "--key", "release", "--log-proof", .. files]);

        Assert.Equal(1, exit);
        Assert.All(files, f => Assert.Contains($"FAILED {f}: {message}", cli.Error, StringComparison.Ordinal));
        Assert.All(files, f => Assert.False(File.Exists(f + ".sig") || File.Exists(f + ".sig.tlog-proof"), f));
    }

    [Fact]
    public async Task Sign_WithoutLogProof_DoesNotAskForProofs()
    {
        var files = await WriteFilesAsync(1);
        var cli = FakeKeys.BatchSigningCli();

        Assert.Equal(0, await cli.RunAsync(["sign", "--key", "release", "--quiet", .. files]));

        Assert.Null(cli.Vault.Requests.Single(r => r.Method == "POST").Body!["log_proof"]);
        Assert.False(File.Exists(files[0] + ".sig.tlog-proof"));
    }

    private static string Proof(long index)
    {
        var signer = Ed25519NoteSigner.Generate("vault.test/v1/gpg/log");
        var checkpoint = SignedNote.Sign(new Checkpoint("vault.test/v1/gpg/log", index + 1, new byte[32]).Body, signer);
        return new TlogProof(null, index, [], checkpoint).ToString();
    }

    private async Task<List<string>> WriteFilesAsync(int count)
    {
        var files = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(_directory, $"f{i}.tar");
            await File.WriteAllBytesAsync(path, [(byte)i, 1, 2]);
            files.Add(path);
        }

        return files;
    }
}
