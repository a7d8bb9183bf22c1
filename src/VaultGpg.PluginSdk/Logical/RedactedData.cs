using System.Text.Json;
using System.Text.Json.Nodes;

namespace VaultGpg.PluginSdk.Logical;

/// <summary>
/// How records that carry request or response data print themselves: the field names only, never the values
/// (passphrases, private keys, plaintext, signatures), so a record that reaches a log line or an exception message
/// through its generated ToString leaks nothing.
/// </summary>
internal static class RedactedData
{
    public static string FieldNames(JsonElement? data) => data switch
    {
        null => "none",
        { ValueKind: JsonValueKind.Object } value => Join(value.EnumerateObject().Select(p => p.Name)),
        { } value => "(" + value.ValueKind + ")",
    };

    public static string FieldNames(JsonObject? data) => data is null ? "none" : Join(data.Select(p => p.Key));

    private static string Join(IEnumerable<string> names) => "[" + string.Join(", ", names) + "]";
}
