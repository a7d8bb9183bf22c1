using VaultGpg.Engine.Keys;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Tests;

/// <summary>
/// The key store's memory is bounded by its constants, not by the names a mount has seen: striped locks and
/// generations, and a parsed-key cache of at most <see cref="KeyStore.CacheCapacity"/> entries (1,024 by default).
/// </summary>
public sealed class KeyStoreMemoryTests
{
    private static readonly OpenPgpKey Key = new KeyGenerator().Generate(new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = "Memory" });

    [Fact]
    public async Task HundredThousandNames_CreatedAndDeleted_MemoryStaysFlat()
    {
        var storage = new InMemoryStorage();
        using var store = new KeyStore(TimeProvider.System);
        var entry = new KeyEntry { Name = "warm-up", StoredKey = Key.ToStoredForm() };
        await CreateAndDeleteAsync(store, storage, entry, "warm-up", 2_000);
        var before = SettledHeapBytes();

        await CreateAndDeleteAsync(store, storage, entry, "release", 100_000);
        var after = SettledHeapBytes();

        // Per name ever seen, a lock and a generation cost about 150 bytes: 100,000 names would hold ~15 MB.
        Assert.Empty(storage.Keys);
        Assert.Equal(0, store.CachedCount);
        Assert.True(after - before < 2_000_000, $"heap grew by {after - before:N0} bytes over 100,000 names");
    }

    [Fact]
    public async Task ManyKeysRead_CacheHoldsAtMostItsCapacity()
    {
        var storage = new InMemoryStorage();
        using var store = new KeyStore(TimeProvider.System, cacheCapacity: 64);
        var names = Enumerable.Range(0, store.CacheCapacity + 40).Select(i => $"key-{i}").ToList();
        foreach (var name in names)
        {
            await storage.PutJsonAsync(KeyStore.StorageKey(name), new KeyEntry { Name = name, StoredKey = Key.ToStoredForm() },
                EngineJsonContext.Default.KeyEntry, sealWrap: true, CancellationToken.None);
        }

        foreach (var name in names)
        {
            Assert.NotNull(await store.GetAsync(storage, name, CancellationToken.None));
        }

        // Compaction runs on the thread pool once the limit is passed: wait for it rather than for a fixed time.
        for (var i = 0; i < 100 && store.CachedCount > store.CacheCapacity; i++)
        {
            await Task.Delay(20);
        }

        Assert.InRange(store.CachedCount, 1, store.CacheCapacity);
        var last = await store.GetAsync(storage, names[^1], CancellationToken.None);
        Assert.Equal(names[^1], last!.Entry.Name);
    }

    [Fact]
    public async Task TwoNamesOnOneStripe_WritesDoNotDeadlockAndEachKeepsItsKey()
    {
        var storage = new InMemoryStorage();
        using var store = new KeyStore(TimeProvider.System);
        var names = Enumerable.Range(0, KeyStore.LockStripes * 2).Select(i => $"n{i}").ToList();

        await Parallel.ForEachAsync(names, async (name, ct) =>
        {
            using (await store.LockAsync(name, ct))
            {
                await store.PutAsync(storage, new KeyEntry { Name = name, StoredKey = Key.ToStoredForm() }, Key, ct);
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(names.Count, storage.Keys.Count);
        Assert.All(names, name => Assert.Contains(KeyStore.StorageKey(name), storage.Keys));
    }

    private static async Task CreateAndDeleteAsync(KeyStore store, IStorage storage, KeyEntry entry, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var name = $"{prefix}-{i}";
            using (await store.LockAsync(name, CancellationToken.None))
            {
                await store.PutAsync(storage, entry with { Name = name }, Key, CancellationToken.None);
            }

            Assert.NotNull(await store.GetAsync(storage, name, CancellationToken.None));
            using (await store.LockAsync(name, CancellationToken.None))
            {
                await store.DeleteAsync(storage, name, CancellationToken.None);
            }
        }
    }

    private static long SettledHeapBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
