namespace VaultGpg.PluginSdk.Logical;

/// <summary>Paths that Vault treats specially for this mount (pb.Paths). Patterns are exact, or prefixes when they end
/// in '*'; '+' matches one segment.</summary>
public sealed record SpecialPaths
{
    public IReadOnlyList<string> Root { get; init; } = [];

    public IReadOnlyList<string> Unauthenticated { get; init; } = [];

    public IReadOnlyList<string> LocalStorage { get; init; } = [];

    /// <summary>Storage prefixes Vault Enterprise seal-wraps, for example <c>key/</c>.</summary>
    public IReadOnlyList<string> SealWrapStorage { get; init; } = [];

    public IReadOnlyList<string> WriteForwardedStorage { get; init; } = [];

    public IReadOnlyList<string> Binary { get; init; } = [];

    public IReadOnlyList<string> Limited { get; init; } = [];

    public IReadOnlyList<string> AllowSnapshotRead { get; init; } = [];
}
