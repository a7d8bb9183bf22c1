using System.Text.Json.Serialization;

namespace VaultGpg.PluginSdk.Tests.Support;

/// <summary>A stored record as engines define them: a record with explicit wire names.</summary>
internal sealed record SampleRecord(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("key_bits")] int KeyBits,
    [property: JsonPropertyName("usages")] IReadOnlyList<string> Usages);
