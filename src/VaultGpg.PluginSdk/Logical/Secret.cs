using System.Text.Json.Nodes;

namespace VaultGpg.PluginSdk.Logical;

/// <summary>Lease settings of a secret (Vault's logical.LeaseOptions).</summary>
public sealed record LeaseOptions
{
    public TimeSpan Ttl { get; init; }

    public TimeSpan MaxTtl { get; init; }

    public bool Renewable { get; init; }

    public TimeSpan Increment { get; init; }

    /// <summary>When the lease was issued; Vault requires it whenever lease options are sent.</summary>
    public DateTimeOffset IssueTime { get; init; }
}

/// <summary>A leased secret in a response, or the stored secret of a renew/revoke request.</summary>
public sealed record Secret
{
    public LeaseOptions LeaseOptions { get; init; } = new();

    /// <summary>Data Vault keeps with the lease and sends back on renew/revoke; never shown to the client.</summary>
    public JsonObject? InternalData { get; init; }

    /// <summary>Set by Vault; ignored on output.</summary>
    public string LeaseId { get; init; } = "";

    // InternalData is what a backend needs to revoke the secret, often a credential: names only.
    public override string ToString() =>
        $"Secret {{ LeaseOptions = {LeaseOptions}, InternalData = {RedactedData.FieldNames(InternalData)}, LeaseId = {LeaseId} }}";
}
