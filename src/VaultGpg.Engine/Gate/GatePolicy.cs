using System.Text.Json.Serialization;

namespace VaultGpg.Engine.Gate;

/// <summary>A key's build policy (<c>gate/policy/&lt;name&gt;</c>): the trusted builders and how many of them must have
/// attested a digest before the key signs it.</summary>
internal sealed record GatePolicy(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("threshold")] int Threshold,
    [property: JsonPropertyName("builders")] IReadOnlyList<GateBuilder> Builders)
{
    public const int CurrentVersion = 1;

    /// <summary>The highest threshold: a gated signature's log entry names that many attestations and stays one entry.</summary>
    public const int MaxThreshold = 8;

    /// <summary>The most builders a policy may name.</summary>
    public const int MaxBuilders = 32;

    /// <summary>Whether a recorded attestation still counts: its builder is in the policy with the same key.</summary>
    public bool Counts(AttestedBy entry) => Builders.Any(b => b.Id == entry.Builder && b.KeyId == entry.KeyId);
}
