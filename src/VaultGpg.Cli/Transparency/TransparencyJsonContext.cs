using System.Text.Json.Serialization;
using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Transparency;

/// <summary>Source-generated JSON for the log's proof answers (the CLI is Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VaultResponse<InclusionProofAnswer>))]
[JsonSerializable(typeof(VaultResponse<ConsistencyProofAnswer>))]
internal sealed partial class TransparencyJsonContext : JsonSerializerContext;
