using System.Globalization;

namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>Text forms of field values for error messages and help.</summary>
internal static class FieldFormat
{
    public static string Quote(object value) => value switch
    {
        string s => "\"" + s + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string List(IEnumerable<object> values) => string.Join(", ", values.Select(Quote));

    /// <summary>Vault's name for a field type in path help.</summary>
    public static string TypeName(FieldType type) => type switch
    {
        FieldType.Text => "string",
        FieldType.NameText => "name string",
        FieldType.WholeNumber => "int",
        FieldType.Boolean => "bool",
        FieldType.DurationSeconds => "duration (sec)",
        FieldType.CommaStringSlice or FieldType.StringSlice or FieldType.ObjectSlice => "slice",
        FieldType.Map => "map",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown field type"),
    };
}
