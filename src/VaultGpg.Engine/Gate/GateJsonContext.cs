using System.Text.Json.Serialization;

namespace VaultGpg.Engine.Gate;

/// <summary>Source-generated JSON for the gate's stored records.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(GatePolicy))]
[JsonSerializable(typeof(AttestedDigest))]
internal sealed partial class GateJsonContext : JsonSerializerContext;
