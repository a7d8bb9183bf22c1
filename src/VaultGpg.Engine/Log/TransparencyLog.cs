using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using VaultGpg.Engine.Keys;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Log;

/// <summary>
/// The mount's transparency log: settings, the log key, and appends. Appends are committed in groups: requests that
/// arrive while a commit is running wait and go together into the next one, and a commit first waits a little for
/// requests that are still signing (<see cref="SigningTicket"/>), so many concurrent signers share one set of storage
/// writes and one checkpoint signature. A commit writes entry bundles and tiles first and the checkpoint last: the
/// checkpoint is the commit point, and whatever a failed commit left beyond it is cut off and overwritten by the next one.
/// </summary>
/// <param name="maxGroupWait">How long a commit waits at most for requests still signing; default <see cref="MaxGroupWait"/>.</param>
[SuppressMessage("Design", "CA1001", Justification = "One per mount for the backend's lifetime; a SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.")]
internal sealed class TransparencyLog(TimeSpan? maxGroupWait = null)
{
    /// <summary>
    /// The largest entry an append takes: every entry the engine writes fits (the largest, from an origin of 256
    /// three-byte characters: an expiry event naming 12 v6 fingerprints, about 1990 bytes; a gated signature with 8
    /// attestations and a sha512 digest, about 1680; LogEntrySizeTests builds them), and 256 of them keep a bundle
    /// (at most 500.5 KiB) below Consul's 512 KiB entry limit.
    /// </summary>
    public const int MaxEntryBytes = 2000;

    /// <summary>
    /// How long a commit waits at most for requests that hold a <see cref="SigningTicket"/>: a few signatures' time.
    /// Without the wait, on two cores one commit follows the other with a group of one or two, and the checkpoint
    /// signatures take a core from the signers (benchmarks: tests/VaultGpg.Benchmarks/RESULTS.md).
    /// </summary>
    public static readonly TimeSpan MaxGroupWait = TimeSpan.FromMilliseconds(2);

    private readonly TimeSpan _maxGroupWait = maxGroupWait ?? MaxGroupWait;
    private int _signing;
    private TaskCompletionSource? _signersDone;

    private readonly SemaphoreSlim _commitLock = new(1, 1);
    private readonly Lock _queueLock = new();
    private readonly List<PendingAppend> _queue = [];
    // The settings as last read, including "none" (a box holding null), so that mounts without a log pay no read per
    // signature; null means not read yet.
    private volatile StrongBox<LogConfig?>? _config;
    private Ed25519NoteSigner? _signer;
    private string? _checkpointText;
    private LogEdge? _edge;
    private UnconfirmedCommit? _unconfirmed;
    private (long Size, byte[] Root)? _highestSigned;

    /// <summary>The settings; null when the log was never configured (off).</summary>
    public async Task<LogConfig?> GetConfigAsync(IStorage storage, CancellationToken cancellationToken)
    {
        if (_config is { } cached)
        {
            return cached.Value;
        }

        var config = await storage.GetJsonAsync(LogStorage.ConfigKey, EngineJsonContext.Default.LogConfig, cancellationToken).ConfigureAwait(false);
        _config = new StrongBox<LogConfig?>(config);
        return config;
    }

    /// <summary>
    /// Writes the settings. The first time, it generates the log key and stores the empty tree's checkpoint, so that
    /// the log is readable (size 0) from the start. The origin cannot change once the key exists.
    /// </summary>
    public async Task<string?> ConfigureAsync(IStorage storage, LogConfig config, CancellationToken cancellationToken)
    {
        await _commitLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var key = await storage.GetJsonAsync(LogStorage.KeyKey, EngineJsonContext.Default.LogKeyEntry, cancellationToken).ConfigureAwait(false);
            if (key is not null && key.Origin != config.Origin)
            {
                return $"origin cannot change from \"{key.Origin}\": the log key and every checkpoint carry it";
            }

            if (key is null)
            {
                key = new LogKeyEntry { Origin = config.Origin, Seed = RandomNumberGenerator.GetBytes(32) };
                await storage.PutJsonAsync(LogStorage.KeyKey, key, EngineJsonContext.Default.LogKeyEntry, sealWrap: true, cancellationToken).ConfigureAwait(false);
            }

            if (await storage.GetAsync(LogStorage.CheckpointKey, cancellationToken).ConfigureAwait(false) is null)
            {
                var signer = new Ed25519NoteSigner(key.Origin, key.Seed);
                var empty = SignedNote.Sign(new Checkpoint(key.Origin, 0, LogHash.EmptyTree()).Body, signer);
                await storage.PutAsync(new StorageEntry(LogStorage.CheckpointKey, empty.ToBytes()), cancellationToken).ConfigureAwait(false);
            }

            _config = null;
            await storage.PutJsonAsync(LogStorage.ConfigKey, config, EngineJsonContext.Default.LogConfig, sealWrap: false, cancellationToken).ConfigureAwait(false);
            _config = new StrongBox<LogConfig?>(config);
            return null;
        }
        finally
        {
            _commitLock.Release();
        }
    }

    /// <summary>The verifier key (<c>origin+id+base64</c>), or null before the log was first configured.</summary>
    public async Task<string?> GetVerifierKeyAsync(IStorage storage, CancellationToken cancellationToken) =>
        (await GetSignerAsync(storage, cancellationToken).ConfigureAwait(false))?.Verifier.VerifierKey;

    /// <summary>The stored checkpoint, or null before the log was first configured.</summary>
    public static async Task<SignedNote?> ReadCheckpointAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var entry = await storage.GetAsync(LogStorage.CheckpointKey, cancellationToken).ConfigureAwait(false);
        return entry is null ? null : SignedNote.Parse(entry.Value.Span);
    }

    /// <summary>Says that a request is signing and will append; give the ticket to <see cref="AppendAsync(IStorage, IReadOnlyList{byte[]}, SigningTicket?, CancellationToken)"/>, or dispose it.</summary>
    public SigningTicket StartSigning()
    {
        Interlocked.Increment(ref _signing);
        return new SigningTicket(this);
    }

    /// <summary>A ticket came back: the last one out lets a waiting commit go.</summary>
    internal void EndSigning()
    {
        if (Interlocked.Decrement(ref _signing) == 0)
        {
            Volatile.Read(ref _signersDone)?.TrySetResult();
        }
    }

    /// <summary>Appends the entries for a caller without a signing ticket (key events).</summary>
    public Task<LogCommit> AppendAsync(IStorage storage, IReadOnlyList<byte[]> entries, CancellationToken cancellationToken) =>
        AppendAsync(storage, entries, null, cancellationToken);

    /// <summary>
    /// Appends the entries as consecutive leaves and returns once a checkpoint that holds them is stored. Storage
    /// errors propagate unchanged (a read-only storage error makes Vault forward the request to the active node).
    /// The caller's <paramref name="ticket"/>, if any, is given back once the entries are queued.
    /// </summary>
    public async Task<LogCommit> AppendAsync(IStorage storage, IReadOnlyList<byte[]> entries, SigningTicket? ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0 || entries.Any(e => e.Length > MaxEntryBytes))
        {
            throw new ArgumentException($"an append needs entries of at most {MaxEntryBytes} bytes", nameof(entries));
        }

        var pending = new PendingAppend(entries);
        lock (_queueLock)
        {
            _queue.Add(pending);
        }

        ticket?.Dispose();

        // Whoever holds the lock commits everything queued so far; a request whose entries a previous holder
        // committed finds its outcome set and leaves at once.
        await _commitLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!pending.Outcome.Task.IsCompleted)
            {
                await WaitForSignersAsync(cancellationToken).ConfigureAwait(false);
                List<PendingAppend> group;
                lock (_queueLock)
                {
                    group = [.. _queue];
                    _queue.Clear();
                }

                await CommitGroupAsync(storage, group, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _commitLock.Release();
        }

        return await pending.Outcome.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// The tlog-proofs of <paramref name="entries"/>, appended from <see cref="LogCommit.FirstIndex"/> on, against the
    /// checkpoint of <paramref name="commit"/>: one reader for them all, so that each tile is read once per batch.
    /// </summary>
    public static async Task<IReadOnlyList<TlogProof>> ProofsAsync(IStorage storage, LogCommit commit, IReadOnlyList<byte[]> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(entries);
        var tiles = new Dictionary<TileId, byte[]?>();
        foreach (var (tile, data) in commit.Written)
        {
            tiles[tile] = data;
        }

        var reader = new TileNodeReader(commit.Size, async (tile, ct) =>
        {
            if (!tiles.TryGetValue(tile, out var data))
            {
                data = await LogStorage.ReadTileAsync(storage, tile, ct).ConfigureAwait(false);
                tiles[tile] = data;
            }

            return data;
        });
        var proofs = new List<TlogProof>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var index = commit.FirstIndex + i;
            var proof = await MerkleProof.ProveInclusionAsync(index, commit.Size, reader, cancellationToken).ConfigureAwait(false);
            proofs.Add(new TlogProof(entries[i], index, proof, commit.Checkpoint));
        }

        return proofs;
    }

    /// <summary>Node hashes of the stored tree at <paramref name="size"/>, preferring tiles a commit just wrote.</summary>
    public static TileNodeReader TileReader(IStorage storage, long size, IReadOnlyDictionary<TileId, byte[]>? written = null) =>
        new(size, async (tile, ct) =>
            written is not null && written.TryGetValue(tile, out var data)
                ? data
                : await LogStorage.ReadTileAsync(storage, tile, ct).ConfigureAwait(false));

    /// <summary>How many level 0 tiles (of 256 leaves) a search by leaf hash reads at most: the path is public.</summary>
    public const int MaxLeafSearchTiles = 256;

    /// <summary>
    /// The index of the newest leaf with <paramref name="leafHash"/>, or -1: reads level 0 tiles from the newest back,
    /// at most <see cref="MaxLeafSearchTiles"/> of them (the newest 65536 leaves).
    /// </summary>
    public static async Task<long> FindLeafAsync(TileNodeReader reader, byte[] leafHash, CancellationToken cancellationToken)
    {
        var tilesRead = 0;
        for (var end = reader.Size; end > 0 && tilesRead++ < MaxLeafSearchTiles; end = (end - 1) / TileLayout.Width * TileLayout.Width)
        {
            var start = (end - 1) / TileLayout.Width * TileLayout.Width;
            var nodes = Enumerable.Range(0, (int)(end - start)).Select(i => new NodeId(0, start + i)).ToList();
            var hashes = await reader.ReadNodesAsync(nodes, cancellationToken).ConfigureAwait(false);
            for (var i = hashes.Count - 1; i >= 0; i--)
            {
                if (hashes[i].AsSpan().SequenceEqual(leafHash))
                {
                    return start + i;
                }
            }
        }

        return -1;
    }

    /// <summary>Another node changed a storage key of the log: forget what is cached for it.</summary>
    public void Invalidate(string storageKey)
    {
        if (storageKey == LogStorage.ConfigKey)
        {
            _config = null;
        }
    }

    /// <summary>Waits until no request holds a signing ticket, at most <c>maxGroupWait</c>: they join this commit.</summary>
    private async Task WaitForSignersAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _signersDone, done);
            var left = _maxGroupWait - Stopwatch.GetElapsedTime(started);
            if (Volatile.Read(ref _signing) <= 0 || left <= TimeSpan.Zero)
            {
                return;
            }

            try
            {
                await done.Task.WaitAsync(left, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    private async Task CommitGroupAsync(IStorage storage, List<PendingAppend> group, CancellationToken cancellationToken)
    {
        try
        {
            var commit = await CommitAsync(storage, [.. group.SelectMany(p => p.Entries)], cancellationToken).ConfigureAwait(false);
            var index = commit.FirstIndex;
            foreach (var pending in group)
            {
                pending.Outcome.SetResult(commit with { FirstIndex = index });
                index += pending.Entries.Count;
            }
        }
        catch (Exception e)
        {
            // Every request of the group fails: none of them may return what it signed (fail closed).
            foreach (var pending in group)
            {
                pending.Outcome.TrySetException(e);
            }
        }
    }

    private async Task<LogCommit> CommitAsync(IStorage storage, List<byte[]> entries, CancellationToken cancellationToken)
    {
        var signer = await GetSignerAsync(storage, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the transparency log has no key; configure log/config first");
        var stored = await storage.GetAsync(LogStorage.CheckpointKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("the transparency log has a key but no checkpoint in storage");
        var storedText = Encoding.UTF8.GetString(stored.Value.Span);

        if (_unconfirmed is { } unconfirmed)
        {
            _unconfirmed = null;
            if (storedText != unconfirmed.BaseCheckpoint && storedText != unconfirmed.CheckpointText)
            {
                // The log moved on without it (another node): that checkpoint was never stored, so never seen.
                _highestSigned = null;
            }
            else if (storedText == unconfirmed.BaseCheckpoint)
            {
                // The signed checkpoint never landed and nobody moved the log since: write that commit again.
                _unconfirmed = unconfirmed;
                await WriteAllAsync(storage, unconfirmed.Writes, cancellationToken).ConfigureAwait(false);
                _unconfirmed = null;
                storedText = unconfirmed.CheckpointText;
                (_checkpointText, _edge) = (unconfirmed.CheckpointText, unconfirmed.Edge);
            }
        }

        if (_checkpointText != storedText || _edge is null)
        {
            // First commit here, or another node (or a failed write of ours) changed the log: start from storage.
            var checkpoint = Checkpoint.Parse(SignedNote.Parse(storedText).Text);
            var edge = await LogEdge.LoadAsync(storage, checkpoint.Size, cancellationToken).ConfigureAwait(false);
            if (!edge.Root().AsSpan().SequenceEqual(checkpoint.RootHash))
            {
                throw new InvalidDataException($"the stored tiles do not give the root of the stored size {checkpoint.Size} checkpoint");
            }

            (_checkpointText, _edge) = (storedText, edge);
        }

        var next = _edge.Copy();
        var firstIndex = next.Size;
        var completed = new Dictionary<TileId, byte[]>();
        foreach (var entry in entries)
        {
            next.Append(entry, completed);
        }

        var written = TileLayout.TilesChanged(firstIndex, next.Size)
            .ToDictionary(tile => tile, tile => completed.TryGetValue(tile, out var full) ? full : next.Partial(tile));
        var root = next.Root();
        if (_highestSigned is { } highest && (next.Size < highest.Size || (next.Size == highest.Size && !root.AsSpan().SequenceEqual(highest.Root))))
        {
            throw new InvalidOperationException($"refusing to sign a size {next.Size} checkpoint after one of size {highest.Size}");
        }

        var signed = SignedNote.Sign(new Checkpoint(signer.Name, next.Size, root).Body, signer);
        var previousHighest = _highestSigned;
        _highestSigned = (next.Size, root);
        var checkpointText = signed.ToString();

        // Bundles and tiles from the lowest level up, the checkpoint last: it is the commit point.
        var writes = written.OrderBy(w => w.Key.Level).ThenBy(w => w.Key.Index)
            .Select(w => new StorageEntry(LogStorage.TileKey(w.Key), w.Value))
            .Append(new StorageEntry(LogStorage.CheckpointKey, Encoding.UTF8.GetBytes(checkpointText)))
            .ToList();
        _unconfirmed = new UnconfirmedCommit(storedText, writes, next, checkpointText);
        try
        {
            await WriteAllAsync(storage, writes, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e) when (e.IsReadOnly)
        {
            // Nothing was written (a standby's storage): this node must not hold on to a checkpoint it signed.
            _unconfirmed = null;
            _highestSigned = previousHighest;
            throw;
        }

        _unconfirmed = null;
        (_checkpointText, _edge) = (checkpointText, next);
        return new LogCommit(firstIndex, signed, next.Size, written);
    }

    private static async Task WriteAllAsync(IStorage storage, IReadOnlyList<StorageEntry> writes, CancellationToken cancellationToken)
    {
        foreach (var write in writes)
        {
            await storage.PutAsync(write, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Ed25519NoteSigner?> GetSignerAsync(IStorage storage, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _signer) is { } cached)
        {
            return cached;
        }

        var key = await storage.GetJsonAsync(LogStorage.KeyKey, EngineJsonContext.Default.LogKeyEntry, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return null;
        }

        var signer = new Ed25519NoteSigner(key.Origin, key.Seed);
        Volatile.Write(ref _signer, signer);
        return signer;
    }
}
