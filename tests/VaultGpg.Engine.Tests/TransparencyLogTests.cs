using System.Collections.Concurrent;
using System.Text;
using VaultGpg.Engine.Log;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Tests;

public sealed class TransparencyLogTests
{
    private const string Origin = "example.com/engine-log";

    private static byte[] Entry(string text) => Encoding.UTF8.GetBytes($"{Origin}/test/v1\n{text}\n");

    private static async Task<TransparencyLog> ConfiguredAsync(IStorage storage, TimeSpan? maxGroupWait = null)
    {
        var log = new TransparencyLog(maxGroupWait);
        Assert.Null(await log.ConfigureAsync(storage, new LogConfig { Origin = Origin, Enabled = true }, CancellationToken.None));
        return log;
    }

    private static async Task<Checkpoint> StoredCheckpointAsync(IStorage storage) =>
        Checkpoint.Parse((await TransparencyLog.ReadCheckpointAsync(storage, CancellationToken.None))!.Text);

    /// <summary>The stored tiles give the stored checkpoint's root, and that tree extends <paramref name="earlier"/>.</summary>
    private static async Task AssertConsistentAsync(IStorage storage, Checkpoint earlier)
    {
        var now = await StoredCheckpointAsync(storage);
        var reader = TransparencyLog.TileReader(storage, now.Size);
        Assert.Equal(now.RootHash, await MerkleProof.RootAsync(now.Size, reader, CancellationToken.None));
        Assert.True(now.Size >= earlier.Size, $"size went from {earlier.Size} back to {now.Size}");
        if (earlier.Size > 0)
        {
            var proof = await MerkleProof.ProveConsistencyAsync(earlier.Size, now.Size, reader, CancellationToken.None);
            Assert.True(MerkleProof.VerifyConsistency(earlier.Size, now.Size, earlier.RootHash, now.RootHash, proof), $"{earlier.Size} to {now.Size}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Append_StorageFailsAtEachWrite_LogRecoversToALaterConsistentCheckpoint(bool restartAfterFailure)
    {
        // An append from 255 to 257 writes the full bundle and tile 0, the new partial bundle and tiles, and the
        // checkpoint: fail each of those writes in turn, on a fresh log each time.
        for (var okPuts = 0; ; okPuts++)
        {
            var storage = new FailingPutStorage(new InMemoryStorage());
            var log = await ConfiguredAsync(storage);
            await log.AppendAsync(storage, [.. Enumerable.Range(0, 255).Select(i => Entry($"seed {i}"))], CancellationToken.None);
            var before = await StoredCheckpointAsync(storage);
            storage.FailPut(okPuts);
            LogCommit? commit = null;
            try
            {
                commit = await log.AppendAsync(storage, [Entry($"a {okPuts}"), Entry($"b {okPuts}")], CancellationToken.None);
            }
            catch (StorageException)
            {
                // Fail closed: the caller gets no commit and returns nothing it signed.
            }

            if (commit is not null)
            {
                Assert.Equal(6, okPuts);
                break;
            }

            Assert.Equal(before.Size, (await StoredCheckpointAsync(storage)).Size);
            await AssertConsistentAsync(storage, before);
            if (restartAfterFailure)
            {
                log = new TransparencyLog();
            }

            var after = await log.AppendAsync(storage, [Entry($"after {okPuts}")], CancellationToken.None);
            await AssertConsistentAsync(storage, before);
            var stored = await StoredCheckpointAsync(storage);
            Assert.Equal(stored.Size, after.Size);

            // Without a restart the signed but unconfirmed commit is written again first (its size keeps its one
            // root); after a restart the log starts from the stored checkpoint.
            Assert.Equal(restartAfterFailure ? 256 : 258, after.Size);
            var proof = (await TransparencyLog.ProofsAsync(storage, after, [Entry($"after {okPuts}")], CancellationToken.None))[0];
            var verifier = Ed25519NoteVerifier.Parse((await log.GetVerifierKeyAsync(storage, CancellationToken.None))!);
            Assert.True(proof.Verifies(Entry($"after {okPuts}"), verifier));
        }
    }

    [Fact]
    public async Task Append_ReadOnlyStorage_ThrowsVaultsReadOnlyErrorAndSignsNothingThatLingers()
    {
        var storage = new FailingPutStorage(new InMemoryStorage());
        var log = await ConfiguredAsync(storage);
        await log.AppendAsync(storage, [Entry("first")], CancellationToken.None);
        storage.Message = LogicalError.ReadOnlyStorageMessage;
        storage.FailPut(0);

        var error = await Assert.ThrowsAsync<StorageException>(() => log.AppendAsync(storage, [Entry("on standby")], CancellationToken.None));
        var next = await log.AppendAsync(storage, [Entry("on active")], CancellationToken.None);

        Assert.True(error.IsReadOnly);
        Assert.Equal(2, next.Size);
        Assert.Equal(1, next.FirstIndex);
    }

    [Fact]
    public async Task Append_16ConcurrentWriters_GetDistinctIndexesShareCommitsAndEveryProofVerifies()
    {
        var storage = new CountingSlowStorage(new InMemoryStorage());
        var log = await ConfiguredAsync(storage);
        var verifier = Ed25519NoteVerifier.Parse((await log.GetVerifierKeyAsync(storage, CancellationToken.None))!);
        var results = new ConcurrentBag<(byte[] Entry, LogCommit Commit)>();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                var entry = Entry($"writer {writer} item {i}");
                results.Add((entry, await log.AppendAsync(storage, [entry], CancellationToken.None)));
            }
        })));

        Assert.Equal(160, results.Select(r => r.Commit.FirstIndex).Distinct().Count());
        Assert.Equal(160, (await StoredCheckpointAsync(storage)).Size);
        Assert.True(storage.CheckpointPuts < 160, $"{storage.CheckpointPuts} checkpoint writes for 160 appends: no group commit");
        foreach (var (entry, commit) in results)
        {
            var proof = (await TransparencyLog.ProofsAsync(storage, commit, [entry], CancellationToken.None))[0];
            Assert.True(proof.Verifies(entry, verifier), $"index {commit.FirstIndex}");
        }
    }

    [Fact]
    public async Task Append_WhileATicketHolderSigns_TheCommitWaitsForItAndBothShareOneCheckpoint()
    {
        var storage = new CountingSlowStorage(new InMemoryStorage());
        var log = await ConfiguredAsync(storage, maxGroupWait: TimeSpan.FromSeconds(30));
        var signing = log.StartSigning();
        var putsBefore = storage.CheckpointPuts;

        var first = log.AppendAsync(storage, [Entry("queued")], CancellationToken.None);
        await Task.Delay(200);
        var waited = !first.IsCompleted;
        var second = await log.AppendAsync(storage, [Entry("signed meanwhile")], signing, CancellationToken.None);

        Assert.True(waited, "the commit did not wait for the request that was still signing");
        Assert.Equal(second.Checkpoint, (await first).Checkpoint);
        Assert.Equal(putsBefore + 1, storage.CheckpointPuts);
        Assert.Equal(2, second.Size);
    }

    [Fact]
    public async Task Append_TicketDisposedWithoutAppending_TheWaitingCommitGoesOn()
    {
        var storage = new CountingSlowStorage(new InMemoryStorage());
        var log = await ConfiguredAsync(storage, maxGroupWait: TimeSpan.FromSeconds(30));
        var failing = log.StartSigning();

        var append = log.AppendAsync(storage, [Entry("alone")], CancellationToken.None);
        await Task.Delay(200);
        var waited = !append.IsCompleted;
        failing.Dispose();
        failing.Dispose();
        var commit = await append.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(waited, "the commit did not wait for the request that was still signing");
        Assert.Equal(1, commit.Size);
        // The ticket counted once: the next append does not wait.
        var next = await log.AppendAsync(storage, [Entry("next")], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, next.Size);
    }

    /// <summary>Storage that takes a little time per write, as a real one does, and counts checkpoint writes.</summary>
    private sealed class CountingSlowStorage(IStorage inner) : IStorage
    {
        private int _checkpointPuts;

        public int CheckpointPuts => _checkpointPuts;

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

        public Task<StorageEntry?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public async Task PutAsync(StorageEntry entry, CancellationToken cancellationToken)
        {
            if (entry.Key == LogStorage.CheckpointKey)
            {
                Interlocked.Increment(ref _checkpointPuts);
            }

            await Task.Delay(2, cancellationToken);
            await inner.PutAsync(entry, cancellationToken);
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
    }
}
