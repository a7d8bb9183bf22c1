namespace VaultGpg.PluginSdk.Logical;

/// <summary>
/// The mount's storage view (Vault's logical.Storage). Implementations: the brokered gRPC storage in the host, and
/// <see cref="InMemoryStorage"/> for tests. Failures reported by the storage itself surface as
/// <see cref="StorageException"/>.
/// </summary>
public interface IStorage
{
    /// <summary>The immediate children of <paramref name="prefix"/>; "directories" end with '/'.</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The entry under <paramref name="key"/>, or null when there is none.</summary>
    Task<StorageEntry?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes the entry in one operation: either all of it is stored or none of it.</summary>
    Task PutAsync(StorageEntry entry, CancellationToken cancellationToken);

    /// <summary>Deletes the key; deleting a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
