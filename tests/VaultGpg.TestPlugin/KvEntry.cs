using System.Text.Json.Serialization;

namespace VaultGpg.TestPlugin;

/// <summary>A stored kv entry, under <c>kv/&lt;name&gt;</c>.</summary>
internal sealed record KvEntry(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("version")] int Version);
