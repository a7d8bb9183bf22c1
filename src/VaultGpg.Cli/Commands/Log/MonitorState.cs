using System.Text.Json.Serialization;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>
/// What <c>vaultgpg log monitor</c> keeps between runs (its <c>--state</c> file, JSON): the last checkpoint it verified
/// (the signed note, verbatim), the primary fingerprints the log's key events gave each key name (every name, so a
/// name watched later is known), the counters of the watched keys, and the last run's signatures of watched keys. A missing file is the empty state: the
/// monitor starts from size 0 and reads the whole log.
/// </summary>
internal sealed record MonitorState
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The log's origin; a state of another log is refused.</summary>
    [JsonPropertyName("origin")]
    public string? Origin { get; init; }

    /// <summary>The last verified checkpoint as a signed note; null before the first run.</summary>
    [JsonPropertyName("checkpoint")]
    public string? Checkpoint { get; init; }

    /// <summary>Key name to the primary fingerprints (lower-case hex) its create and import events named.</summary>
    [JsonPropertyName("fingerprints")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fingerprints { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The counters of each watched key name.</summary>
    [JsonPropertyName("keys")]
    public IReadOnlyDictionary<string, KeyWatch> Keys { get; init; } = new Dictionary<string, KeyWatch>();

    /// <summary>The watched keys' signature entries of the last run that read entries and that no gated signature
    /// entry named yet: log index to key name, for a gate entry the next run reads after its signature entry.</summary>
    [JsonPropertyName("recent_signatures")]
    public IReadOnlyDictionary<long, string> RecentSignatures { get; init; } = new Dictionary<long, string>();
}
