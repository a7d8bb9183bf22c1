namespace VaultGpg.PluginSdk.Framework;

/// <summary>One operation of a path: its handler plus the text OpenAPI shows for it (Vault's PathOperation).</summary>
/// <param name="Handler">The handler called after routing and field validation.</param>
public sealed record PathOperation(OperationHandler Handler)
{
    /// <summary>A one-line summary, for example "Read a key.".</summary>
    public string Summary { get; init; } = "";

    /// <summary>A longer description, if the summary is not enough.</summary>
    public string Description { get; init; } = "";

    /// <summary>True to keep the operation out of the OpenAPI document.</summary>
    public bool Unpublished { get; init; }

    /// <summary>True when the operation is kept for compatibility only.</summary>
    public bool Deprecated { get; init; }
}
