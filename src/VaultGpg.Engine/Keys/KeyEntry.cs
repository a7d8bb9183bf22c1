using System.Text.Json.Serialization;

namespace VaultGpg.Engine.Keys;

/// <summary>
/// What is stored for one named key under <c>key/&lt;name&gt;</c>: the key in its stored form and its settings, in one
/// JSON document written by one Put, so a key is never half-written. The storage prefix is seal-wrapped.
/// </summary>
internal sealed record KeyEntry
{
    /// <summary>Bumped when the layout changes incompatibly; readers refuse versions they do not know.</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The transferable secret key, binary and unprotected (Vault's barrier encrypts storage).</summary>
    [JsonPropertyName("key")]
    public required byte[] StoredKey { get; init; }

    /// <summary>Whether the secret key may be read back through export/. Once true it stays true.</summary>
    [JsonPropertyName("exportable")]
    public bool Exportable { get; init; }

    /// <summary>Whether the key may be deleted. False protects release keys from a stray DELETE.</summary>
    [JsonPropertyName("deletion_allowed")]
    public bool DeletionAllowed { get; init; }

    /// <summary>True when the key was imported rather than generated here.</summary>
    [JsonPropertyName("imported")]
    public bool Imported { get; init; }

    [JsonPropertyName("stored_at")]
    public DateTimeOffset StoredAt { get; init; }
}
