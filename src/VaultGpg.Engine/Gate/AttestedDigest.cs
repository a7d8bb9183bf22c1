using System.Text.Json.Serialization;

namespace VaultGpg.Engine.Gate;

/// <summary>Which builders attested one digest for one key (<c>gate/attested/&lt;name&gt;/&lt;alg&gt;/&lt;hex&gt;</c>): at
/// most one entry per builder of the policy.</summary>
internal sealed record AttestedDigest(
    [property: JsonPropertyName("builders")] IReadOnlyList<AttestedBy> Builders);
