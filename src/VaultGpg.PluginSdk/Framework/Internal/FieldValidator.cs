using System.Buffers;
using System.Text.Json;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>
/// Merges a request's data with the URL captures (captures win) and parses every declared field before a handler
/// runs, so that type errors never reach handlers.
/// </summary>
internal static class FieldValidator
{
    public const string FailurePrefix = "Field validation failed: ";

    /// <param name="route">The matched path and its URL captures.</param>
    /// <param name="data">The request's data: a JSON object, or null/absent.</param>
    /// <param name="checkRequired">True for create and update: the only operations that carry a body Vault documents
    /// required fields for.</param>
    public static FieldValidation Validate(RouteMatch route, JsonElement? data, bool checkRequired)
    {
        var path = route.Path;
        var raw = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var problems = new List<string>();
        var ignored = new List<string>();
        if (data is { ValueKind: JsonValueKind.Object } body)
        {
            foreach (var property in body.EnumerateObject())
            {
                raw[property.Name] = property.Value;
                if (!path.FieldsByName.ContainsKey(property.Name) && !path.Definition.TakesArbitraryInput)
                {
                    ignored.Add(property.Name);
                }
            }
        }
        else if (data is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            problems.Add("request data must be a JSON object");
        }

        var replaced = new List<string>();
        foreach (var (name, value) in route.Captures)
        {
            if (raw.ContainsKey(name))
            {
                replaced.Add(name);
            }

            raw[name] = FromString(value);
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var field in path.Definition.Fields)
        {
            if (!raw.TryGetValue(field.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (checkRequired && field.Required)
                {
                    problems.Add($"missing required field \"{field.Name}\"");
                }

                continue;
            }

            var parsed = field.Parse(value, out var problem);
            if (parsed is null)
            {
                // The input is echoed, as Vault does, except for secrets.
                var input = field.Sensitive ? "" : Truncate(value.GetRawText()) + " ";
                problems.Add($"error converting input {input}for field \"{field.Name}\": {problem}");
                continue;
            }

            values[field.Name] = parsed;
        }

        ignored.Sort(StringComparer.Ordinal);
        replaced.Sort(StringComparer.Ordinal);
        return new FieldValidation(
            new FieldData(path.FieldsByName, values, raw),
            problems.Count == 0 ? null : FailurePrefix + string.Join("; ", problems),
            ignored,
            replaced);
    }

    /// <summary>Adds Vault's warnings about parameters that were ignored or replaced by URL captures.</summary>
    public static Response AddWarnings(Response response, FieldValidation validation)
    {
        var warnings = new List<string>(response.Warnings);
        if (validation.Ignored.Count > 0)
        {
            warnings.Add($"Endpoint ignored these unrecognized parameters: [{string.Join(' ', validation.Ignored)}]");
        }

        if (validation.Replaced.Count > 0)
        {
            warnings.Add($"Endpoint replaced the value of these parameters with the values captured from the endpoint's path: [{string.Join(' ', validation.Replaced)}]");
        }

        return warnings.Count == response.Warnings.Count ? response : response with { Warnings = warnings };
    }

    private static string Truncate(string text) => text.Length <= 100 ? text : text[..100] + "…";

    private static JsonElement FromString(string value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
