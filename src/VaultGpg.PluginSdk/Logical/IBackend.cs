namespace VaultGpg.PluginSdk.Logical;

/// <summary>
/// One mounted instance of a secrets engine: what the plugin host calls for each pb.Backend RPC.
/// Errors meant for the caller come back as <see cref="Response.Error"/> or a thrown <see cref="LogicalException"/>;
/// any other exception is an internal error (500), logged once by the host.
/// </summary>
public interface IBackend : IAsyncDisposable
{
    /// <summary>Vault's backend type: 1 for a secrets engine.</summary>
    BackendType Type { get; }

    SpecialPaths SpecialPaths { get; }

    /// <summary>Runs once after the mount is set up; storage is available from here on.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Handles one request. Null means no response (404 for read/list, 204 otherwise).</summary>
    Task<Response?> HandleRequestAsync(Request request, CancellationToken cancellationToken);

    /// <summary>Answers Vault's existence check before a create/update.</summary>
    Task<ExistenceCheckResult> HandleExistenceCheckAsync(Request request, CancellationToken cancellationToken);

    /// <summary>Another node changed <paramref name="key"/> in storage: drop anything cached from it.</summary>
    Task InvalidateKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>The mount is going away (unmount, seal, reload).</summary>
    Task CleanupAsync(CancellationToken cancellationToken);
}

/// <summary>Vault's backend types (pb.TypeReply).</summary>
public enum BackendType : uint
{
    Unknown = 0,
    Logical = 1,
    Credential = 2,
}

/// <summary>Builds a backend for a mount. Must not touch storage or the system view (see <see cref="BackendConfig"/>).</summary>
public delegate ValueTask<IBackend> BackendFactory(BackendConfig config, CancellationToken cancellationToken);
