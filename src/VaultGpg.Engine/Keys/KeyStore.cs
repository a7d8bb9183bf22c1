using System.Collections.Concurrent;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Keys;

/// <summary>
/// Named keys in the mount's storage (<c>key/&lt;name&gt;</c>), with parsed keys cached in memory and per-name locks
/// for the writes (create, config, delete). One instance per mount.
/// </summary>
/// <remarks>
/// The cache holds parsed keys, never verdicts: whether a key is expired or revoked, and which of its keys signs, is
/// judged from the cached key at each request's time (<see cref="OpenPgpKey.DescribeAt"/>), so a key that expires
/// stops signing at that second, without a restart. Its self-signatures are verified once, when it is parsed.
/// Parsing a stored key costs milliseconds (an RSA-4096 ring), a signature far less, so parsed keys are cached. The
/// cache is dropped for a name whenever this node writes it and when Vault reports that another node changed it
/// (<see cref="Invalidate"/>). A per-name generation keeps a slow reader from caching what a writer just replaced.
/// </remarks>
internal sealed class KeyStore
{
    /// <summary>The storage prefix of key entries; Vault Enterprise seal-wraps it.</summary>
    public const string StoragePrefix = "key/";

    private readonly ConcurrentDictionary<string, StoredKey> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    public KeyStore(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    public static string StorageKey(string name) => StoragePrefix + name;

    /// <summary>The key named <paramref name="name"/>, or null when there is none.</summary>
    public async Task<StoredKey?> GetAsync(IStorage storage, string name, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var generation = _generations.GetValueOrDefault(name);
        var entry = await storage.GetJsonAsync(StorageKey(name), EngineJsonContext.Default.KeyEntry, cancellationToken)
            .ConfigureAwait(false);
        if (entry is null)
        {
            return null;
        }

        if (entry.Version != KeyEntry.CurrentVersion)
        {
            throw new InvalidOperationException(
                $"stored key \"{name}\" has layout version {entry.Version}; this plugin reads version {KeyEntry.CurrentVersion}");
        }

        if (entry.Name != name)
        {
            // The entry was written under another name (copied or restored by an operator, or replicated from a
            // node that renamed it): the storage key is the key's name, so later writes go back to key/<name>.
            entry = entry with { Name = name };
        }

        var loaded = new StoredKey(entry, OpenPgpKey.FromStoredForm(entry.StoredKey, _timeProvider));
        if (_generations.GetValueOrDefault(name) == generation)
        {
            _cache.TryAdd(name, loaded);
        }

        return loaded;
    }

    /// <summary>Writes the entry in one Put, then serves the new key from the cache.</summary>
    public async Task PutAsync(IStorage storage, KeyEntry entry, OpenPgpKey key, CancellationToken cancellationToken)
    {
        Forget(entry.Name);
        await storage.PutJsonAsync(StorageKey(entry.Name), entry, EngineJsonContext.Default.KeyEntry, sealWrap: true, cancellationToken)
            .ConfigureAwait(false);
        Forget(entry.Name);
        _cache[entry.Name] = new StoredKey(entry, key);
    }

    public async Task DeleteAsync(IStorage storage, string name, CancellationToken cancellationToken)
    {
        Forget(name);
        await storage.DeleteAsync(StorageKey(name), cancellationToken).ConfigureAwait(false);
        Forget(name);
    }

    /// <summary>The names of every stored key, sorted.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var children = await storage.ListAsync(StoragePrefix, cancellationToken).ConfigureAwait(false);
        return [.. children.Where(k => !k.EndsWith('/')).Order(StringComparer.Ordinal)];
    }

    /// <summary>Another node changed <paramref name="storageKey"/>: drop what is cached for it.</summary>
    public void Invalidate(string storageKey)
    {
        if (storageKey.StartsWith(StoragePrefix, StringComparison.Ordinal))
        {
            Forget(storageKey[StoragePrefix.Length..]);
        }
    }

    /// <summary>Takes the write lock of one name (create, config and delete of the same name run one at a time).</summary>
    public async Task<IDisposable> LockAsync(string name, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(name, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    private void Forget(string name)
    {
        _generations.AddOrUpdate(name, 1, static (_, g) => g + 1);
        _cache.TryRemove(name, out _);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
