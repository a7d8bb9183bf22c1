using System.Text.Json.Serialization;

namespace VaultGpg.Engine.Gate;

/// <summary>One trusted builder of a key's policy: its id, key type (VaultGpg.Attestation's BuilderKey types), public key
/// as given, and the key ID the key reads as (an in-toto key ID or an OpenPGP fingerprint).</summary>
internal sealed record GateBuilder(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("public_key")] string PublicKey,
    [property: JsonPropertyName("key_id")] string KeyId);
