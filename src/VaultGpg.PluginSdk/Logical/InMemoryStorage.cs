using System.Collections.Concurrent;

namespace VaultGpg.PluginSdk.Logical;

/// <summary>An <see cref="IStorage"/> kept in a dictionary, for tests and tools. Thread-safe.</summary>
public sealed class InMemoryStorage : IStorage
{
    private readonly ConcurrentDictionary<string, StorageEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>Every key currently stored, in ordinal order.</summary>
    public IReadOnlyList<string> Keys => [.. _entries.Keys.Order(StringComparer.Ordinal)];

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var children = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in _entries.Keys)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = key[prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            children.Add(slash < 0 ? rest : rest[..(slash + 1)]);
        }

        return Task.FromResult<IReadOnlyList<string>>([.. children]);
    }

    public Task<StorageEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Task.FromResult(_entries.TryGetValue(key, out var entry) ? entry with { Value = entry.Value.ToArray() } : null);
    }

    public Task PutAsync(StorageEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Copy so a caller reusing its buffer cannot change what is stored.
        _entries[entry.Key] = entry with { Value = entry.Value.ToArray() };
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        _entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
