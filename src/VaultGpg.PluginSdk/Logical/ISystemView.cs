namespace VaultGpg.PluginSdk.Logical;

/// <summary>
/// What a backend may ask Vault about its mount and the node (Vault's logical.SystemView, the parts we use).
/// Not available during Setup: Vault's registration probe calls Setup without one.
/// </summary>
public interface ISystemView
{
    Task<TimeSpan> DefaultLeaseTtlAsync(CancellationToken cancellationToken);

    Task<TimeSpan> MaxLeaseTtlAsync(CancellationToken cancellationToken);

    /// <summary>True when the mount is tainted (being unmounted).</summary>
    Task<bool> TaintedAsync(CancellationToken cancellationToken);

    Task<bool> CachingDisabledAsync(CancellationToken cancellationToken);

    Task<ReplicationState> ReplicationStateAsync(CancellationToken cancellationToken);

    Task<bool> LocalMountAsync(CancellationToken cancellationToken);

    /// <summary>Vault's version, for example 1.20.0.</summary>
    Task<string> VaultVersionAsync(CancellationToken cancellationToken);
}

/// <summary>Vault's replication state bits (sdk/helper/consts/replication.go).</summary>
[Flags]
#pragma warning disable CA1711 // The name is Vault's.
public enum ReplicationState
#pragma warning restore CA1711
{
    Unknown = 0,
    PerformancePrimary = 1 << 5,
    PerformanceSecondary = 1 << 6,
    OldSplitBootstrapping = 1 << 7,
    DrPrimary = 1 << 8,
    DrSecondary = 1 << 9,
    PerformanceBootstrapping = 1 << 10,
    DrBootstrapping = 1 << 11,
    PerformanceDisabled = 1 << 12,
    DrDisabled = 1 << 13,
    PerformanceStandby = 1 << 14,
}
