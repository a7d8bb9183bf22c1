namespace VaultGpg.PluginSdk.Framework;

/// <summary>
/// Building blocks for <see cref="PathDefinition.Pattern"/> (Vault's GenericNameRegex, OptionalParamRegex,
/// MatchAllRegex). Patterns are .NET regular expressions; named groups become URL captures.
/// </summary>
public static class PathPatterns
{
    /// <summary>A named capture of one name: letters, digits, '_', '-' and '.', starting and ending with a letter,
    /// digit or '_' (ASCII only).</summary>
    public static string GenericNameRegex(string name) =>
        $"(?<{CheckName(name)}>[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)";

    /// <summary>An optional trailing segment <c>/&lt;name&gt;</c> that captures everything after the slash.</summary>
    public static string OptionalParamRegex(string name) => $"(?:/(?<{CheckName(name)}>.+))?";

    /// <summary>A named capture of the rest of the path, possibly empty.</summary>
    public static string MatchAllRegex(string name) => $"(?<{CheckName(name)}>.*)";

    /// <summary><see cref="GenericNameRegex(string)"/> named after a declared field.</summary>
    public static string Name(FieldSchema field) => GenericNameRegex(FieldName(field));

    /// <summary><see cref="OptionalParamRegex(string)"/> named after a declared field.</summary>
    public static string Optional(FieldSchema field) => OptionalParamRegex(FieldName(field));

    private static string FieldName(FieldSchema field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Name;
    }

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(name[0]))
        {
            throw new ArgumentException($"capture name \"{name}\" must be letters, digits and '_', not starting with a digit", nameof(name));
        }

        return name;
    }
}
