using System.Text.Json.Serialization;

namespace VaultGpg.Engine.Log;

/// <summary>
/// The mount's transparency log settings under <c>log/config</c>. Absent means off: existing mounts keep signing
/// without a log until an operator turns it on.
/// </summary>
internal sealed record LogConfig
{
    /// <summary>The log's name in every checkpoint and entry, and its key's name (e.g. <c>vault.example.com/v1/gpg/log</c>).
    /// Fixed once the log has a key: another origin would be another log.</summary>
    [JsonPropertyName("origin")]
    public required string Origin { get; init; }

    [JsonPropertyName("enabled")]
    public bool Enabled { get; init; }

    /// <summary>Witness verifier keys (C2SP tlog-cosignature, type 0x04) whose cosignatures log/cosignatures accepts.</summary>
    [JsonPropertyName("witnesses")]
    public IReadOnlyList<string> Witnesses { get; init; } = [];
}
