namespace VaultGpg.PluginSdk.Framework;

/// <summary>
/// How a field's raw JSON value is parsed (Vault's framework.FieldType, the subset secrets engines use here).
/// Parsing is lenient the way Vault's is: the CLI sends every value as a string, so numbers and booleans are also
/// accepted in their string form.
/// </summary>
public enum FieldType
{
    /// <summary>Text; numbers and booleans are accepted and turned into text as Vault's weak decoding does (a number as
    /// written, true as "1", false as "0"), then the field's own validation applies.</summary>
    Text,

    /// <summary>Text made of letters, digits, '_', '-' and '.', starting and ending with a letter, digit or '_'.</summary>
    NameText,

    /// <summary>A 32-bit integer, from a JSON number or a decimal string.</summary>
    WholeNumber,

    /// <summary>true/false, also "1"/"0", "t"/"f" and the other forms Go's strconv.ParseBool accepts.</summary>
    Boolean,

    /// <summary>A non-negative duration: integer seconds, or a Go duration string such as "1h30m" (also "d" for days).</summary>
    DurationSeconds,

    /// <summary>A list of strings, given as a JSON array or as one comma-separated string.</summary>
    CommaStringSlice,

    /// <summary>A list of strings, given as a JSON array (a single string becomes a one-element list).</summary>
    StringSlice,

    /// <summary>A JSON object.</summary>
    Map,

    /// <summary>A JSON array of objects, for batch inputs (<see cref="Field.Batch"/> validates each object).</summary>
    ObjectSlice,
}
