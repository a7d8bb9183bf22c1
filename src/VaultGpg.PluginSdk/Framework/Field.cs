using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Framework.Internal;

namespace VaultGpg.PluginSdk.Framework;

/// <summary>
/// Creates typed fields. Keep each field in a static readonly member of its path file and list it in
/// <see cref="PathDefinition.Fields"/>; handlers read it with <see cref="FieldData.Get{T}(FieldSchema{T})"/>.
/// Rarer flags are set with <c>with</c>: <c>Field.String("passphrase", "…") with { Sensitive = true }</c>.
/// </summary>
#pragma warning disable CA1720 // The factory methods are named after Vault's field types on purpose.
public static class Field
{
    /// <summary>A text field (Vault's TypeString).</summary>
    public static FieldSchema<string> String(
        string name, string description, string? @default = null, bool required = false, IReadOnlyList<string>? allowed = null) =>
        new(name, FieldType.Text, description, required, Box(allowed), @default is not null, @default, FieldParsers.Text, static () => "");

    /// <summary>A name (Vault's TypeNameString): letters, digits, '_', '-' and '.', starting and ending with a letter,
    /// digit or '_'. Use it for URL captures made with <see cref="PathPatterns.GenericNameRegex(string)"/>.
    /// <para>".." is refused anywhere in a name, because Vault's storage refuses such keys; with
    /// <paramref name="maxLength"/>, longer names are refused too.</para></summary>
    public static FieldSchema<string> NameString(string name, string description, bool required = false, int? maxLength = null) =>
        new(name, FieldType.NameText, description, required, null, false, null,
            maxLength is { } max ? FieldParsers.NameTextUpTo(max) : FieldParsers.NameText, static () => "");

    /// <summary>A 32-bit integer (Vault's TypeInt).</summary>
    public static FieldSchema<int> Int(
        string name, string description, int? @default = null, bool required = false, IReadOnlyList<int>? allowed = null) =>
        new(name, FieldType.WholeNumber, description, required, Box(allowed), @default.HasValue, @default ?? 0, FieldParsers.Integer, static () => 0);

    /// <summary>A boolean (Vault's TypeBool).</summary>
    public static FieldSchema<bool> Bool(string name, string description, bool? @default = null, bool required = false) =>
        new(name, FieldType.Boolean, description, required, null, @default.HasValue, @default ?? false, FieldParsers.Boolean, static () => false);

    /// <summary>A non-negative duration in whole seconds (Vault's TypeDurationSecond): integer seconds or "1h", "30m".</summary>
    public static FieldSchema<TimeSpan> DurationSeconds(string name, string description, TimeSpan? @default = null, bool required = false) =>
        new(name, FieldType.DurationSeconds, description, required, null, @default.HasValue, @default ?? TimeSpan.Zero, FieldParsers.DurationSeconds, static () => TimeSpan.Zero);

    /// <summary>A list of strings sent as an array or one comma-separated string (Vault's TypeCommaStringSlice).
    /// Each element is trimmed; with <paramref name="allowed"/>, each element must be allowed.</summary>
    public static FieldSchema<IReadOnlyList<string>> CommaStringSlice(
        string name, string description, IReadOnlyList<string>? @default = null, bool required = false, IReadOnlyList<string>? allowed = null) =>
        new(name, FieldType.CommaStringSlice, description, required, Box(allowed), @default is not null, @default, FieldParsers.CommaStringSlice, static () => []);

    /// <summary>A list of strings sent as an array (Vault's TypeStringSlice); commas are not separators here.</summary>
    public static FieldSchema<IReadOnlyList<string>> StringList(
        string name, string description, IReadOnlyList<string>? @default = null, bool required = false, IReadOnlyList<string>? allowed = null) =>
        new(name, FieldType.StringSlice, description, required, Box(allowed), @default is not null, @default, FieldParsers.StringSlice, static () => []);

    /// <summary>A JSON object (Vault's TypeMap).</summary>
    public static FieldSchema<JsonObject> Map(string name, string description, bool required = false) =>
        new(name, FieldType.Map, description, required, null, false, null, FieldParsers.Map, static () => []);

    /// <summary>A list of JSON objects (Vault's TypeSlice as batch inputs use it).</summary>
    public static FieldSchema<IReadOnlyList<JsonObject>> ObjectList(string name, string description, bool required = false) =>
        new(name, FieldType.ObjectSlice, description, required, null, false, null, FieldParsers.ObjectSlice, static () => []);

    /// <summary>
    /// A batch (Vault's TypeSlice of objects, as transit's batch_input): a non-empty list of at most
    /// <paramref name="maxItems"/> objects, each validated against <paramref name="itemFields"/> and
    /// <paramref name="itemChoices"/> the way a request body is validated against a path's fields, except that an
    /// undeclared item field is an error. A bad item does not fail the request: the handler gets it as a
    /// <see cref="BatchItem"/> whose problem names it and the field (<c>batch_input[2].input: …</c>). A value that is not a
    /// list, an empty list or too many items are a 400.
    /// </summary>
    public static FieldSchema<IReadOnlyList<BatchItem>> Batch(
        string name, string description, IReadOnlyList<FieldSchema> itemFields, IReadOnlyList<FieldChoice>? itemChoices = null, int maxItems = 1000, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(itemFields);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        var choices = itemChoices ?? [];
        foreach (var field in choices.SelectMany(c => c.Alternatives).SelectMany(a => a).Where(f => !itemFields.Contains(f)))
        {
            throw new ArgumentException($"batch \"{name}\" has a choice over \"{field.Name}\", which is not one of its item fields", nameof(itemChoices));
        }

        return new(name, FieldType.ObjectSlice, description, required, null, false, null, FieldParsers.Batch(name, itemFields, choices, maxItems), static () => []);
    }

    private static IReadOnlyList<object>? Box<T>(IReadOnlyList<T>? values)
        where T : notnull => values is null ? null : [.. values.Select(v => (object)v)];
}
#pragma warning restore CA1720
