using System.Text.Json.Serialization;

namespace VaultGpg.Engine.Gate;

/// <summary>One builder's attestation of a digest: the builder, the key that signed (so a builder whose key the policy
/// later replaces stops counting), the SHA-256 of the attestation document, and when it was accepted (unix seconds).</summary>
internal sealed record AttestedBy(
    [property: JsonPropertyName("builder")] string Builder,
    [property: JsonPropertyName("key_id")] string KeyId,
    [property: JsonPropertyName("attestation")] string Attestation,
    [property: JsonPropertyName("time")] long Time);
