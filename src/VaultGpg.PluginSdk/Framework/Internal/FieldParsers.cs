using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>
/// The parsers behind each <see cref="FieldType"/>. They accept what Vault's weakly typed decoding accepts where that
/// is sensible (the CLI sends every value as a string), and refuse what would silently lose information, such as
/// 1.5 for an integer.
/// </summary>
internal static partial class FieldParsers
{
    public static bool Text(JsonElement raw, [MaybeNullWhen(false)] out string value, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        switch (raw.ValueKind)
        {
            case JsonValueKind.String:
                value = raw.GetString()!;
                return true;
            case JsonValueKind.Number:
                // Vault decodes JSON numbers as json.Number, which mapstructure's weak decoding keeps as written.
                value = raw.GetRawText();
                return true;
            case JsonValueKind.True:
                // mapstructure's WeaklyTypedInput turns booleans into "1" and "0".
                value = "1";
                return true;
            case JsonValueKind.False:
                value = "0";
                return true;
            default:
                value = null;
                problem = "expected a string, got " + KindName(raw);
                return false;
        }
    }

    public static bool NameText(JsonElement raw, [MaybeNullWhen(false)] out string value, [NotNullWhen(false)] out string? problem)
    {
        if (!Text(raw, out value, out problem))
        {
            return false;
        }

        if (!NameRegex().IsMatch(value))
        {
            value = null;
            problem = "must contain only letters, digits, '_', '-' and '.', and start and end with a letter, digit or '_'";
            return false;
        }

        if (value.Contains("..", StringComparison.Ordinal))
        {
            // Vault's storage refuses keys with ".." (logical.ErrRelativePath), so such a name could never be stored.
            value = null;
            problem = "must not contain \"..\"";
            return false;
        }

        return true;
    }

    /// <summary><see cref="NameText"/> with a length limit (names are ASCII, so characters are bytes).</summary>
    public static FieldParser<string> NameTextUpTo(int maxLength) =>
        (JsonElement raw, [MaybeNullWhen(false)] out string value, [NotNullWhen(false)] out string? problem) =>
        {
            if (!NameText(raw, out value, out problem))
            {
                return false;
            }

            if (value.Length > maxLength)
            {
                value = null;
                problem = $"must be at most {maxLength} characters long";
                return false;
            }

            return true;
        };

    /// <summary>A batch: a non-empty list of at most <paramref name="maxItems"/> entries, each validated against the item
    /// fields. A bad item is reported in its <see cref="BatchItem"/>, not as a problem of the whole field.</summary>
    public static FieldParser<IReadOnlyList<BatchItem>> Batch(
        string name, IReadOnlyList<FieldSchema> itemFields, IReadOnlyList<FieldChoice> choices, int maxItems)
    {
        var byName = itemFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        return (JsonElement raw, [MaybeNullWhen(false)] out IReadOnlyList<BatchItem> value, [NotNullWhen(false)] out string? problem) =>
        {
            value = null;
            if (raw.ValueKind != JsonValueKind.Array)
            {
                problem = "expected a list of JSON objects, got " + KindName(raw);
                return false;
            }

            var count = raw.GetArrayLength();
            if (count == 0 || count > maxItems)
            {
                problem = count == 0 ? "must not be empty" : $"has {count} items; at most {maxItems} are allowed per request";
                return false;
            }

            value = [.. raw.EnumerateArray().Select((item, i) => FieldValidator.ValidateItem(name, i, item, byName, itemFields, choices))];
            problem = null;
            return true;
        };
    }

    public static bool Integer(JsonElement raw, out int value, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        value = 0;
        switch (raw.ValueKind)
        {
            case JsonValueKind.Number when raw.TryGetInt32(out value):
                return true;
            case JsonValueKind.Number when raw.TryGetDouble(out var d) && double.IsInteger(d) && d is >= int.MinValue and <= int.MaxValue:
                // 1e3 and 3.0 are integers written as floats (Vault's JSON numbers are float64).
                value = (int)d;
                return true;
            case JsonValueKind.String:
                var s = raw.GetString()!.Trim();
                if (s.Length == 0)
                {
                    return true;
                }

                if (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
                {
                    return true;
                }

                problem = "expected an integer";
                return false;
            case JsonValueKind.True:
                value = 1;
                return true;
            case JsonValueKind.False:
                return true;
            default:
                problem = raw.ValueKind == JsonValueKind.Number ? "expected an integer in range" : "expected an integer, got " + KindName(raw);
                return false;
        }
    }

    public static bool Boolean(JsonElement raw, out bool value, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        value = false;
        switch (raw.ValueKind)
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                return true;
            case JsonValueKind.Number when raw.TryGetDouble(out var d):
                value = d != 0;
                return true;
            case JsonValueKind.String:
                // The forms of Go's strconv.ParseBool, plus "" for false as Vault's weak decoding has it.
                switch (raw.GetString())
                {
                    case "1" or "t" or "T" or "true" or "TRUE" or "True":
                        value = true;
                        return true;
                    case "" or "0" or "f" or "F" or "false" or "FALSE" or "False":
                        return true;
                    default:
                        problem = "expected a boolean (true or false)";
                        return false;
                }

            default:
                problem = "expected a boolean, got " + KindName(raw);
                return false;
        }
    }

    public static bool DurationSeconds(JsonElement raw, out TimeSpan value, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        value = TimeSpan.Zero;
        switch (raw.ValueKind)
        {
            case JsonValueKind.Number when raw.TryGetDouble(out var seconds):
                if (Math.Abs(seconds) > GoDuration.MaxSeconds)
                {
                    problem = GoDuration.OutOfRange;
                    return false;
                }

                // Vault truncates fractional seconds.
                value = TimeSpan.FromSeconds(Math.Truncate(seconds));
                break;
            case JsonValueKind.String:
                var text = raw.GetString()!.Trim();
                if (!GoDuration.TryParseSeconds(text, out value))
                {
                    problem = GoDuration.IsOutOfRange(text)
                        ? GoDuration.OutOfRange
                        : "expected a duration such as \"90\", \"90s\", \"30m\" or \"1h\"";
                    return false;
                }

                break;
            default:
                problem = "expected a duration, got " + KindName(raw);
                return false;
        }

        if (value < TimeSpan.Zero)
        {
            problem = "cannot be negative";
            return false;
        }

        return true;
    }

    public static bool CommaStringSlice(JsonElement raw, [MaybeNullWhen(false)] out IReadOnlyList<string> value, [NotNullWhen(false)] out string? problem)
    {
        if (raw.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            var text = raw.ValueKind == JsonValueKind.String ? raw.GetString()! : raw.GetRawText();
            value = text.Length == 0 ? [] : [.. text.Split(',').Select(s => s.Trim())];
            problem = null;
            return true;
        }

        return StringSlice(raw, out value, out problem);
    }

    public static bool StringSlice(JsonElement raw, [MaybeNullWhen(false)] out IReadOnlyList<string> value, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        switch (raw.ValueKind)
        {
            case JsonValueKind.String:
                var single = raw.GetString()!.Trim();
                value = single.Length == 0 ? [] : [single];
                return true;
            case JsonValueKind.Array:
                var items = new List<string>(raw.GetArrayLength());
                foreach (var item in raw.EnumerateArray())
                {
                    if (item.ValueKind is not (JsonValueKind.String or JsonValueKind.Number) || !Text(item, out var text, out _))
                    {
                        value = null;
                        problem = "expected a list of strings, found " + KindName(item) + " in it";
                        return false;
                    }

                    items.Add(text.Trim());
                }

                value = items;
                return true;
            default:
                value = null;
                problem = "expected a list of strings, got " + KindName(raw);
                return false;
        }
    }

    public static bool Map(JsonElement raw, [MaybeNullWhen(false)] out JsonObject value, [NotNullWhen(false)] out string? problem)
    {
        if (raw.ValueKind != JsonValueKind.Object)
        {
            value = null;
            problem = "expected a JSON object, got " + KindName(raw);
            return false;
        }

        value = JsonObject.Create(raw)!;
        problem = null;
        return true;
    }

    public static bool ObjectSlice(JsonElement raw, [MaybeNullWhen(false)] out IReadOnlyList<JsonObject> value, [NotNullWhen(false)] out string? problem)
    {
        value = null;
        if (raw.ValueKind != JsonValueKind.Array)
        {
            problem = "expected a list of JSON objects, got " + KindName(raw);
            return false;
        }

        var items = new List<JsonObject>(raw.GetArrayLength());
        foreach (var item in raw.EnumerateArray())
        {
            if (!Map(item, out var entry, out _))
            {
                problem = "expected a list of JSON objects, found " + KindName(item) + " in it";
                return false;
            }

            items.Add(entry);
        }

        value = items;
        problem = null;
        return true;
    }

    public static string KindName(JsonElement raw) => raw.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    // ASCII only, like Go's \w: a name must not smuggle in look-alike Unicode letters.
    [GeneratedRegex("^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
