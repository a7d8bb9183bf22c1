using System.Text.Json;

namespace VaultGpg.PluginSdk.Framework;

/// <summary>
/// One declared request parameter of a path: its wire name, type, description, default, whether it is required and
/// which values are allowed (Vault's framework.FieldSchema). Create fields with <see cref="Field"/>; read them in a
/// handler with <see cref="FieldData.Get{T}(FieldSchema{T})"/>.
/// </summary>
public abstract record FieldSchema
{
    private protected FieldSchema(string name, FieldType type, string description, bool required, IReadOnlyList<object>? allowedValues)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        Name = name;
        Type = type;
        Description = description;
        Required = required;
        AllowedValues = allowedValues ?? [];
    }

    /// <summary>The wire name, snake_case as Vault spells it, for example <c>key_bits</c>.</summary>
    public string Name { get; }

    public FieldType Type { get; }

    /// <summary>A complete sentence that lists the valid values and the default; shown in help and OpenAPI.</summary>
    public string Description { get; }

    /// <summary>True when a create or update must send this field; reads, lists and deletes never require it.</summary>
    public bool Required { get; }

    /// <summary>The values allowed (strings or integers; for lists, each element); empty means any value.</summary>
    public IReadOnlyList<object> AllowedValues { get; }

    /// <summary>True when reads, lists or deletes take this field from the query string; only affects OpenAPI.</summary>
    public bool Query { get; init; }

    /// <summary>True for secrets (passphrases, key material): a validation error then never echoes the value.</summary>
    public bool Sensitive { get; init; }

    /// <summary>True when the field is kept for compatibility only; shown in help and OpenAPI.</summary>
    public bool Deprecated { get; init; }

    /// <summary>The declared default, boxed, or null when the field has none.</summary>
    public abstract object? DefaultValue { get; }

    /// <summary>Parses a raw value and checks it against <see cref="AllowedValues"/>.</summary>
    /// <returns>The parsed value, or null with <paramref name="problem"/> set.</returns>
    internal abstract object? Parse(JsonElement raw, out string? problem);
}
