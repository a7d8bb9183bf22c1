using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace VaultGpg.PluginSdk.Framework;

/// <summary>
/// The request's parameters for one path, already parsed and validated against its fields (Vault's
/// framework.FieldData). URL captures take priority over body fields of the same name.
/// </summary>
public sealed class FieldData
{
    private readonly IReadOnlyDictionary<string, FieldSchema> _schema;
    private readonly IReadOnlyDictionary<string, object> _values;

    internal FieldData(
        IReadOnlyDictionary<string, FieldSchema> schema,
        IReadOnlyDictionary<string, object> values,
        IReadOnlyDictionary<string, JsonElement> raw)
    {
        _schema = schema;
        _values = values;
        Raw = raw;
    }

    /// <summary>Every parameter as sent (body or query, then URL captures), including undeclared ones: for paths that
    /// take arbitrary input. Prefer the typed accessors.</summary>
    public IReadOnlyDictionary<string, JsonElement> Raw { get; }

    /// <summary>The value sent, or else the field's default, or else its type's zero value.</summary>
    /// <exception cref="ArgumentException">The field is not declared on this path (a programming error).</exception>
    public T Get<T>(FieldSchema<T> field)
        where T : notnull =>
        TryGet(field, out var value) ? value : field.DefaultOrZero;

    /// <summary>Vault's GetOk: true with the value when the request sent the field (not null), false otherwise, so
    /// "not sent" can be told apart from "sent as zero".</summary>
    /// <exception cref="ArgumentException">The field is not declared on this path (a programming error).</exception>
    public bool TryGet<T>(FieldSchema<T> field, [MaybeNullWhen(false)] out T value)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!_schema.TryGetValue(field.Name, out var declared) || declared.Type != field.Type)
        {
            throw new ArgumentException($"field \"{field.Name}\" is not declared on this path", nameof(field));
        }

        if (_values.TryGetValue(field.Name, out var boxed))
        {
            value = (T)boxed;
            return true;
        }

        value = default;
        return false;
    }
}
