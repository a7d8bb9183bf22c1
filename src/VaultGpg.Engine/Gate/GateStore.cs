using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Gate;

/// <summary>
/// Where the gate keeps its records: a key's policy under <c>gate/policy/&lt;name&gt;</c>, and per attested digest one
/// small record under <c>gate/attested/&lt;name&gt;/&lt;sha256|sha512&gt;/&lt;hex&gt;</c> naming the builders that
/// attested it. Each record is written in one Put, so a crash leaves every record whole: an attestation of several
/// artifacts may be recorded for some and not others, and posting it again completes it (it is idempotent).
/// </summary>
internal static class GateStore
{
    public const string Prefix = "gate/";

    public static string PolicyKey(string name) => Prefix + "policy/" + name;

    public static string DigestKey(string name, string algorithm, string hex) => $"{Prefix}attested/{name}/{algorithm}/{hex}";

    public static Task<GatePolicy?> GetPolicyAsync(IStorage storage, string name, CancellationToken cancellationToken) =>
        storage.GetJsonAsync(PolicyKey(name), GateJsonContext.Default.GatePolicy, cancellationToken);

    public static Task PutPolicyAsync(IStorage storage, string name, GatePolicy policy, CancellationToken cancellationToken) =>
        storage.PutJsonAsync(PolicyKey(name), policy, GateJsonContext.Default.GatePolicy, sealWrap: false, cancellationToken);

    public static Task DeletePolicyAsync(IStorage storage, string name, CancellationToken cancellationToken) =>
        storage.DeleteAsync(PolicyKey(name), cancellationToken);

    /// <summary>The builders recorded for a digest (none when nobody attested it).</summary>
    public static async Task<IReadOnlyList<AttestedBy>> GetAttestedAsync(IStorage storage, string name, string algorithm, string hex, CancellationToken cancellationToken)
    {
        var record = await storage.GetJsonAsync(DigestKey(name, algorithm, hex), GateJsonContext.Default.AttestedDigest, cancellationToken).ConfigureAwait(false);
        return record?.Builders ?? [];
    }

    public static Task PutAttestedAsync(IStorage storage, string name, string algorithm, string hex, AttestedDigest record, CancellationToken cancellationToken) =>
        storage.PutJsonAsync(DigestKey(name, algorithm, hex), record, GateJsonContext.Default.AttestedDigest, sealWrap: false, cancellationToken);
}
