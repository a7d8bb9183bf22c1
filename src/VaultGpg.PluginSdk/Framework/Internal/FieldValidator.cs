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

        var fieldProblems = new List<FieldProblem>();
        var values = ParseFields(path.Definition.Fields, path.Definition.Choices, raw, checkRequired, fieldProblems);
        problems.AddRange(fieldProblems.Select(p => p.RequestText));

        ignored.Sort(StringComparer.Ordinal);
        replaced.Sort(StringComparer.Ordinal);
        return new FieldValidation(
            new FieldData(path.FieldsByName, values, raw),
            problems.Count == 0 ? null : FailurePrefix + string.Join("; ", problems),
            ignored,
            replaced);
    }

    /// <summary>
    /// Validates one batch item against the item fields, as a request body is validated, except that an undeclared
    /// field is an error (a typo in a batch item must not silently drop a value). Required fields and choices are
    /// always checked.
    /// </summary>
    public static BatchItem ValidateItem(
        string batchName, int index, JsonElement item, IReadOnlyDictionary<string, FieldSchema> fieldsByName, IReadOnlyList<FieldSchema> fields, IReadOnlyList<FieldChoice> choices)
    {
        var name = $"{batchName}[{index}]";
        var raw = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (item.ValueKind != JsonValueKind.Object)
        {
            return new BatchItem(name, index, new FieldData(fieldsByName, new Dictionary<string, object>(), raw), $"{name}: expected a JSON object, got {FieldParsers.KindName(item)}");
        }

        var problems = new List<string>();
        foreach (var property in item.EnumerateObject())
        {
            raw[property.Name] = property.Value;
            if (!fieldsByName.ContainsKey(property.Name))
            {
                problems.Add($"{name}.{property.Name}: unknown field; allowed: {string.Join(", ", fields.Select(f => f.Name))}");
            }
        }

        var fieldProblems = new List<FieldProblem>();
        var values = ParseFields(fields, choices, raw, checkRequired: true, fieldProblems);
        problems.AddRange(fieldProblems.Select(p => $"{name}.{p.Field}: {p.Detail}"));
        return new BatchItem(name, index, new FieldData(fieldsByName, values, raw), problems.Count == 0 ? null : string.Join("; ", problems));
    }

    /// <summary>Parses each declared field that was sent (null counts as not sent), then checks required fields and choices.</summary>
    private static Dictionary<string, object> ParseFields(
        IReadOnlyList<FieldSchema> fields, IReadOnlyList<FieldChoice> choices, Dictionary<string, JsonElement> raw, bool checkRequired, List<FieldProblem> problems)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!raw.TryGetValue(field.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (checkRequired && field.Required)
                {
                    problems.Add(new FieldProblem(field.Name, "missing required field", $"missing required field \"{field.Name}\""));
                }

                continue;
            }

            var parsed = field.Parse(value, out var problem);
            if (parsed is null)
            {
                // The input is echoed, as Vault does, except for secrets.
                var input = field.Sensitive ? "" : Truncate(value.GetRawText()) + " ";
                problems.Add(new FieldProblem(field.Name, problem!, $"error converting input {input}for field \"{field.Name}\": {problem}"));
                continue;
            }

            values[field.Name] = parsed;
        }

        if (checkRequired)
        {
            foreach (var choice in choices)
            {
                CheckChoice(choice, raw, problems);
            }
        }

        return values;
    }

    private static void CheckChoice(FieldChoice choice, Dictionary<string, JsonElement> raw, List<FieldProblem> problems)
    {
        bool Sent(FieldSchema field) => raw.TryGetValue(field.Name, out var value) && value.ValueKind != JsonValueKind.Null;
        var sent = choice.Alternatives.Where(a => a.Any(Sent)).ToList();
        switch (sent.Count)
        {
            case 0 when choice.Required:
                var first = choice.Alternatives[0][0].Name;
                problems.Add(new FieldProblem(first, $"missing; send {choice}", $"missing field \"{first}\"; send {choice}"));
                break;
            case 0:
                break;
            case 1:
                var given = sent[0].First(Sent).Name;
                foreach (var missing in sent[0].Where(f => !Sent(f)))
                {
                    problems.Add(new FieldProblem(missing.Name, $"missing; required with {given}", $"missing field \"{missing.Name}\", required with \"{given}\""));
                }

                break;
            default:
                var kept = sent[0].First(Sent).Name;
                var extra = sent[1].First(Sent).Name;
                problems.Add(new FieldProblem(
                    extra, $"cannot be combined with {kept}; send {choice}", $"field \"{extra}\" cannot be combined with \"{kept}\"; send {choice}"));
                break;
        }
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
