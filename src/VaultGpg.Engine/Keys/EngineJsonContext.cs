using System.Text.Json.Serialization;

namespace VaultGpg.Engine.Keys;

/// <summary>Source-generated JSON for stored records: no reflection, so trimmed and AOT builds work.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(KeyEntry))]
[JsonSerializable(typeof(Log.LogConfig))]
[JsonSerializable(typeof(Log.LogKeyEntry))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
