using System.Text.Json.Serialization;

namespace VaultGpg.Cli.Vault;

/// <summary>Source-generated JSON for every body we send and read (no reflection: the CLI is Native AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(SignRequest))]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(VaultResponse<SignResult>))]
[JsonSerializable(typeof(VaultResponse<BatchResponse<SignResult>>))]
[JsonSerializable(typeof(VaultResponse<VerifyResult>))]
[JsonSerializable(typeof(VaultResponse<BatchResponse<VerifyResult>>))]
[JsonSerializable(typeof(VaultResponse<KeyFacts>))]
[JsonSerializable(typeof(VaultResponse<KeyList>))]
[JsonSerializable(typeof(VaultResponse<PublicKeyExport>))]
[JsonSerializable(typeof(VaultResponse<WkdExport>))]
[JsonSerializable(typeof(KeyFacts))]
[JsonSerializable(typeof(CosignaturesRequest))]
[JsonSerializable(typeof(VaultResponse<CosignedCheckpoint>))]
[JsonSerializable(typeof(AttestRequest))]
[JsonSerializable(typeof(VaultResponse<AttestResult>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
