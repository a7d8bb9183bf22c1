using System.Text.Json;
using VaultGpg.PluginSdk.Framework.Internal;

namespace VaultGpg.PluginSdk.Framework;

/// <summary>A field whose parsed value has type <typeparamref name="T"/>. Create it with <see cref="Field"/>.</summary>
public sealed record FieldSchema<T> : FieldSchema
    where T : notnull
{
    private readonly FieldParser<T> _parser;
    private readonly Func<T> _zero;
    private readonly bool _hasDefault;
    private readonly T? _default;

    internal FieldSchema(
        string name,
        FieldType type,
        string description,
        bool required,
        IReadOnlyList<object>? allowedValues,
        bool hasDefault,
        T? @default,
        FieldParser<T> parser,
        Func<T> zero)
        : base(name, type, description, required, allowedValues)
    {
        _hasDefault = hasDefault;
        _default = @default;
        _parser = parser;
        _zero = zero;
    }

    /// <summary>The value a handler gets when the field was not sent: the declared default, or the type's zero value
    /// ("", 0, false, zero duration, empty list, empty object).</summary>
    public T DefaultOrZero => _hasDefault && _default is not null ? _default : _zero();

    public override object? DefaultValue => _hasDefault ? _default : null;

    internal override object? Parse(JsonElement raw, out string? problem)
    {
        if (!_parser(raw, out var value, out problem))
        {
            return null;
        }

        problem = AllowedValueProblem(value);
        return problem is null ? value : null;
    }

    private string? AllowedValueProblem(T value)
    {
        if (AllowedValues.Count == 0)
        {
            return null;
        }

        IEnumerable<object> candidates = value is IReadOnlyList<string> list ? list : [value];
        foreach (var candidate in candidates)
        {
            if (!AllowedValues.Contains(candidate))
            {
                return "not one of the allowed values: " + FieldFormat.List(AllowedValues);
            }
        }

        return null;
    }
}
