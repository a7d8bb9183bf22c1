using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Transparency;
using VaultGpg.Cli.Vault;
using VaultGpg.TestSupport;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// <see cref="LogHttpReader"/> against the dev host without a token: what it reads (checkpoint, tiles, entry bundles,
/// proofs) agrees with the checkpoint the log key signed.
/// </summary>
[Collection(SigningHostCollection.Name)]
public sealed class LogHttpReaderEndToEndTests(SigningHostFixture host) : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vgr-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [Fact]
    public async Task AnonymousReader_CheckpointTilesEntriesAndProofs_AgreeWithTheSignedCheckpoint()
    {
        // Arrange: a few more entries, then a reader with Vault's address and no token.
        var files = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            files.Add(Path.Combine(_directory, $"r{i}.bin"));
            await File.WriteAllBytesAsync(files[^1], [(byte)i, 42]);
        }

        var signed = await host.RunVaultgpgAsync(["sign", "--mount", SigningHostFixture.LogMount, "--key", SigningHostFixture.KeyName, "--log-proof", .. files]);
        Assert.True(signed.ExitCode == 0, signed.ToString());
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["VAULT_ADDR"] = host.Environment["VAULT_ADDR"] };
        var reader = new CliContext(CliConsole.FromProcess(), new CliEnvironment(environment, null), TimeProvider.System, VaultHttp.CreateHandler)
            .ConnectLog(SigningHostFixture.LogMount);
        var logKey = Ed25519NoteVerifier.Parse(host.LogVerifierKey);
        var ct = CancellationToken.None;

        // Act
        var note = await reader.ReadCheckpointAsync(ct);
        var checkpoint = Checkpoint.Parse(note!.Text);
        var root = await MerkleProof.RootAsync(checkpoint.Size, reader.NodeReader(checkpoint.Size), ct);
        var lastBundle = (checkpoint.Size - 1) / TileLayout.Width;
        var entries = await reader.ReadEntriesAsync(lastBundle, TileLayout.WidthAt(TileId.EntriesLevel, lastBundle, checkpoint.Size), ct);
        var last = checkpoint.Size - 1;
        var byIndex = await reader.ProveInclusionAsync(last, null, ct);
        var byHash = await reader.ProveInclusionAsync(LogHash.Leaf(entries[^1]), checkpoint.Size, ct);
        var consistency = await reader.ProveConsistencyAsync(1, checkpoint.Size, ct);

        // Assert
        Assert.Single(note.VerifiedBy([logKey]));
        Assert.Equal(checkpoint.RootHash, root);
        Assert.Equal(host.LogVerifierKey, await reader.ReadVerifierKeyAsync(ct));
        Assert.IsType<SignatureEntry>(LogEntry.Parse(entries[^1]));
        Assert.Equal(last, byHash!.Index);
        Assert.True(MerkleProof.VerifyInclusion(LogHash.Leaf(entries[^1]), last, checkpoint.Size, Hashes(byIndex!.Proof), checkpoint.RootHash));
        Assert.Equal(Convert.ToBase64String(LogHash.Leaf(entries[^1])), byIndex.LeafHash);
        var firstRoot = await MerkleProof.RootAsync(1, reader.NodeReader(1), ct);
        Assert.True(MerkleProof.VerifyConsistency(1, checkpoint.Size, firstRoot, checkpoint.RootHash, Hashes(consistency!.Proof)));
    }

    private static List<byte[]> Hashes(IReadOnlyList<string>? proof) => [.. (proof ?? []).Select(Convert.FromBase64String)];
}
