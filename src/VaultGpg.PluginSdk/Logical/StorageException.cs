namespace VaultGpg.PluginSdk.Logical;

/// <summary>A failure reported by the storage (Vault's err string, or a broken connection to it).</summary>
public sealed class StorageException : Exception
{
    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the storage refused a write because this node is read-only (a performance standby or
    /// secondary). Vault forwards such a request to the active node if the error reaches it with its text intact.</summary>
    public bool IsReadOnly => Message.Contains(LogicalError.ReadOnlyStorageMessage, StringComparison.Ordinal);
}
