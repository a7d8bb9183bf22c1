using System.Text.Json.Serialization;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>What the monitor has counted for one watched key name, over every run since it was first watched.</summary>
internal sealed record KeyWatch
{
    [JsonPropertyName("signatures")]
    public long Signatures { get; init; }

    [JsonPropertyName("key_events")]
    public long KeyEvents { get; init; }

    [JsonPropertyName("gate_events")]
    public long GateEvents { get; init; }
}
