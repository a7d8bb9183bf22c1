using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Framework;

/// <summary>What a <see cref="FrameworkBackend"/> is made of (the fields of Vault's framework.Backend).</summary>
public sealed class FrameworkBackendOptions
{
    /// <summary>The mount's configuration, storage, system view and logging.</summary>
    public required BackendConfig Config { get; init; }

    /// <summary>The paths in route order: the first pattern that matches a request wins.</summary>
    public required IReadOnlyList<PathDefinition> Paths { get; init; }

    /// <summary>The backend's help text, shown by help on the mount root above the list of paths.</summary>
    public string Help { get; init; } = "";

    /// <summary>Paths and storage prefixes Vault treats specially (root, unauthenticated, seal-wrapped …).</summary>
    public SpecialPaths SpecialPaths { get; init; } = new();

    /// <summary>Defaults to <see cref="BackendType.Logical"/>, a secrets engine.</summary>
    public BackendType BackendType { get; init; } = BackendType.Logical;

    /// <summary>Runs once after the mount is set up (storage is usable from here on).</summary>
    public Func<CancellationToken, Task>? Initialize { get; init; }

    /// <summary>Another node changed this storage key: drop anything cached from it.</summary>
    public Func<string, CancellationToken, Task>? Invalidate { get; init; }

    /// <summary>The mount is going away: release what the backend holds.</summary>
    public Func<CancellationToken, Task>? Cleanup { get; init; }

    /// <summary>Called on Vault's periodic rollback operation (about once a minute); the rollback answers nothing.</summary>
    public Func<Request, CancellationToken, Task>? Periodic { get; init; }

    /// <summary>Renews a leased secret; without it renew answers "unsupported operation".</summary>
    public Func<Request, CancellationToken, Task<Response?>>? Renew { get; init; }

    /// <summary>Revokes a leased secret; without it revoke answers "unsupported operation".</summary>
    public Func<Request, CancellationToken, Task<Response?>>? Revoke { get; init; }
}
