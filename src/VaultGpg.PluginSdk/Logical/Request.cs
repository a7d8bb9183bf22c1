using System.Text.Json;

namespace VaultGpg.PluginSdk.Logical;

/// <summary>
/// A request Vault routed to this mount (Vault's logical.Request, the parts a secrets engine uses).
/// </summary>
public sealed record Request
{
    /// <summary>Vault's request id; log it so audit entries and plugin logs can be joined.</summary>
    public string Id { get; init; } = "";

    public required Operation Operation { get; init; }

    /// <summary>The path relative to the mount, without a leading '/'; "" for the mount root. List requests end in '/'.</summary>
    public required string Path { get; init; }

    /// <summary>The request parameters: the JSON body for writes, the query for reads; null when there were none.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>The mount's storage view for this request.</summary>
    public required IStorage Storage { get; init; }

    /// <summary>The mount point with its trailing '/', for example <c>gpg/</c>.</summary>
    public string MountPoint { get; init; } = "";

    public string MountType { get; init; } = "";

    public string MountAccessor { get; init; } = "";

    /// <summary>The accessor of the token that made the request (the token itself is never sent to plugins).</summary>
    public string ClientTokenAccessor { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public string EntityId { get; init; } = "";

    /// <summary>The caller's address when Vault sends it.</summary>
    public string RemoteAddress { get; init; } = "";

    /// <summary>Headers the mount is configured to pass through.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the path was declared unauthenticated and no token was checked.</summary>
    public bool Unauthenticated { get; init; }

    /// <summary>For renew/revoke: the secret Vault stored with the lease.</summary>
    public Secret? Secret { get; init; }

    // Data holds passphrases, keys and plaintext, headers may hold credentials: the generated ToString would print
    // them into any log line or message the request reaches. Names only.
    public override string ToString() =>
        $"Request {{ Id = {Id}, Operation = {Operation}, Path = {Path}, MountPoint = {MountPoint}, "
        + $"Data = {RedactedData.FieldNames(Data)}, Headers = [{string.Join(", ", Headers.Keys)}], Secret = {Secret} }}";
}
