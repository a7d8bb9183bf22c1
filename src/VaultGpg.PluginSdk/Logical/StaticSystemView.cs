namespace VaultGpg.PluginSdk.Logical;

/// <summary>An <see cref="ISystemView"/> with fixed answers, for tests and tools. Defaults match a fresh Vault dev
/// server: 768h default and max lease TTL, not tainted, caching on, no replication, not local.</summary>
public sealed class StaticSystemView : ISystemView
{
    public TimeSpan DefaultLeaseTtl { get; init; } = TimeSpan.FromHours(768);

    public TimeSpan MaxLeaseTtl { get; init; } = TimeSpan.FromHours(768);

    public bool Tainted { get; init; }

    public bool CachingDisabled { get; init; }

    public ReplicationState ReplicationState { get; init; } = ReplicationState.Unknown;

    public bool LocalMount { get; init; }

    public string VaultVersion { get; init; } = "1.20.0";

    public Task<TimeSpan> DefaultLeaseTtlAsync(CancellationToken cancellationToken) => Task.FromResult(DefaultLeaseTtl);

    public Task<TimeSpan> MaxLeaseTtlAsync(CancellationToken cancellationToken) => Task.FromResult(MaxLeaseTtl);

    public Task<bool> TaintedAsync(CancellationToken cancellationToken) => Task.FromResult(Tainted);

    public Task<bool> CachingDisabledAsync(CancellationToken cancellationToken) => Task.FromResult(CachingDisabled);

    public Task<ReplicationState> ReplicationStateAsync(CancellationToken cancellationToken) => Task.FromResult(ReplicationState);

    public Task<bool> LocalMountAsync(CancellationToken cancellationToken) => Task.FromResult(LocalMount);

    public Task<string> VaultVersionAsync(CancellationToken cancellationToken) => Task.FromResult(VaultVersion);
}
