using Microsoft.Extensions.Caching.Memory;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Keys;

/// <summary>
/// Named keys in the mount's storage (<c>key/&lt;name&gt;</c>), with parsed keys cached in memory and striped locks
/// for the writes (create, config, delete). One instance per mount.
/// </summary>
/// <remarks>
/// The cache holds parsed keys, never verdicts: whether a key is expired or revoked, and which of its keys signs, is
/// judged from the cached key at each request's time (<see cref="OpenPgpKey.DescribeAt"/>), so a key that expires
/// stops signing at that second, without a restart. Its self-signatures are verified once, when it is parsed.
/// Parsing a stored key costs milliseconds (an RSA-4096 ring), a signature far less, so parsed keys are cached. The
/// cache is dropped for a name whenever this node writes it and when Vault reports that another node changed it
/// (<see cref="Invalidate"/>). A generation per stripe keeps a slow reader from caching what a writer just replaced.
/// <para>
/// Memory does not grow with the names a mount has ever seen, as Vault's own engines keep it: the write locks are a
/// fixed set of <see cref="LockStripes"/> semaphores chosen by the name's hash (Vault's locksutil does the same), the
/// generations are per stripe, and the cache holds at most <see cref="DefaultCacheCapacity"/> parsed keys (an RSA-4096 key
/// is about 10 KB parsed, so the cache stays near 10 MB); past that, the least recently used are dropped and parsed
/// again when asked for. Two names on one stripe wait for each other's writes, never for reads. No code path holds
/// two names' locks at once, so sharing a stripe cannot deadlock.
/// </para>
/// </remarks>
internal sealed class KeyStore : IDisposable
{
    /// <summary>The storage prefix of key entries; Vault Enterprise seal-wraps it.</summary>
    public const string StoragePrefix = "key/";

    /// <summary>How many write locks (and reader generations) the names share; Vault's locksutil uses 256.</summary>
    public const int LockStripes = 256;

    /// <summary>The most parsed keys kept in memory at once, unless the constructor is told otherwise.</summary>
    public const int DefaultCacheCapacity = 1024;

    private readonly MemoryCache _cache;
    private readonly Stripe[] _stripes = [.. Enumerable.Range(0, LockStripes).Select(_ => new Stripe())];
    private readonly TimeProvider _timeProvider;

    public KeyStore(TimeProvider timeProvider, int cacheCapacity = DefaultCacheCapacity)
    {
        _timeProvider = timeProvider;
        CacheCapacity = cacheCapacity;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = cacheCapacity });
    }

    /// <summary>The most parsed keys kept in memory at once.</summary>
    public int CacheCapacity { get; }

    /// <summary>How many parsed keys the cache holds now (bounded by <see cref="CacheCapacity"/>).</summary>
    public int CachedCount => _cache.Count;

    public static string StorageKey(string name) => StoragePrefix + name;

    /// <summary>The key named <paramref name="name"/>, or null when there is none.</summary>
    public async Task<StoredKey?> GetAsync(IStorage storage, string name, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(name, out StoredKey? cached) && cached is not null)
        {
            return cached;
        }

        var stripe = StripeOf(name);
        long generation;
        lock (stripe.Gate)
        {
            generation = stripe.Generation;
        }

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
        lock (stripe.Gate)
        {
            // A write to any name of this stripe since the read began may have replaced this entry: do not cache it.
            if (stripe.Generation == generation)
            {
                Cache(name, loaded);
            }
        }

        return loaded;
    }

    /// <summary>Writes the entry in one Put, then serves the new key from the cache.</summary>
    public async Task PutAsync(IStorage storage, KeyEntry entry, OpenPgpKey key, CancellationToken cancellationToken)
    {
        Forget(entry.Name);
        await storage.PutJsonAsync(StorageKey(entry.Name), entry, EngineJsonContext.Default.KeyEntry, sealWrap: true, cancellationToken)
            .ConfigureAwait(false);
        var stripe = Forget(entry.Name);
        lock (stripe.Gate)
        {
            Cache(entry.Name, new StoredKey(entry, key));
        }
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
        var gate = StripeOf(name).Writes;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    /// <summary>Drops the cache when Vault cleans the mount up (unmount, reload); the semaphores hold no handle.</summary>
    public void Dispose() => _cache.Dispose();

    private Stripe StripeOf(string name) =>
        _stripes[(uint)StringComparer.Ordinal.GetHashCode(name) % LockStripes];

    private void Cache(string name, StoredKey key) =>
        _cache.Set(name, key, new MemoryCacheEntryOptions { Size = 1 });

    private Stripe Forget(string name)
    {
        var stripe = StripeOf(name);
        lock (stripe.Gate)
        {
            stripe.Generation++;
            _cache.Remove(name);
        }

        return stripe;
    }

    /// <summary>One lock stripe: the write semaphore, and the generation with the short lock that guards it.</summary>
    private sealed class Stripe
    {
        public SemaphoreSlim Writes { get; } = new(1, 1);

        public Lock Gate { get; } = new();

        /// <summary>Bumped under <see cref="Gate"/> on every write or invalidation of a name of this stripe.</summary>
        public long Generation { get; set; }
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
