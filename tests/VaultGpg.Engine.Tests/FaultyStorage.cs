using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Tests;

/// <summary>Storage that fails on demand, the way Vault's storage answers errors mid-request.</summary>
internal sealed class FaultyStorage(IStorage inner) : IStorage
{
    public string? FailPutsWith { get; set; }

    public string? FailGetsWith { get; set; }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Task<StorageEntry?> GetAsync(string key, CancellationToken cancellationToken) =>
        FailGetsWith is { } message ? throw new StorageException(message) : inner.GetAsync(key, cancellationToken);

    public Task PutAsync(StorageEntry entry, CancellationToken cancellationToken) =>
        FailPutsWith is { } message ? throw new StorageException(message) : inner.PutAsync(entry, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        FailPutsWith is { } message ? throw new StorageException(message) : inner.DeleteAsync(key, cancellationToken);
}
