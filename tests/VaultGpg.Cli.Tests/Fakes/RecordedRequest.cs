using System.Text.Json.Nodes;

namespace VaultGpg.Cli.Tests.Fakes;

/// <summary>One request the fake Vault received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonObject? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
