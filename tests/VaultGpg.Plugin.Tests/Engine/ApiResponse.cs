using System.Text.Json.Nodes;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>One answer of the dev host's API: the status code and the parsed JSON body (null when empty).</summary>
internal sealed record ApiResponse(int Status, JsonNode? Body, string RawBody)
{
    /// <summary>The <c>data</c> object of a successful answer.</summary>
    public JsonObject Data => Body?["data"]?.AsObject()
        ?? throw new InvalidOperationException($"no data in the answer ({Status}): {RawBody}");

    /// <summary>Every error text of an <c>{"errors":[...]}</c> answer, joined.</summary>
    public string Errors => Body?["errors"] is JsonArray errors
        ? string.Join(" | ", errors.Select(e => e?.GetValue<string>()))
        : throw new InvalidOperationException($"not an error answer ({Status}): {RawBody}");

    public string String(string member) => Data[member]?.GetValue<string>()
        ?? throw new InvalidOperationException($"no string \"{member}\" in the answer: {RawBody}");

    /// <summary>Asserts the status code, showing the whole answer when it differs.</summary>
    public void AssertStatus(int expected) => Assert.True(Status == expected, $"expected {expected}, got {this}");

    public override string ToString() => $"{Status} {RawBody}";
}
