using System.Text;

namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>The human-readable help of the backend root and of each path, laid out like Vault's.</summary>
internal static class HelpText
{
    public static string Root(string backendHelp, IEnumerable<CompiledPath> paths)
    {
        var text = new StringBuilder();
        text.Append("\n## DESCRIPTION\n\n").Append(backendHelp.Trim()).Append("\n\n## PATHS\n\n");
        text.Append("These are the paths this backend answers. For help on one of them, ask for help on any\n");
        text.Append("request path that matches its pattern. Your token's policy decides which of them you can use.\n\n");
        foreach (var path in paths.OrderBy(p => p.DisplayPattern, StringComparer.Ordinal))
        {
            AppendIndented(text, 4, path.DisplayPattern);
            AppendIndented(text, 8, path.Definition.HelpSynopsis.Trim());
            text.Append('\n');
        }

        return text.Append('\n').ToString();
    }

    public static string ForPath(string requestPath, CompiledPath path)
    {
        var definition = path.Definition;
        var text = new StringBuilder();
        text.Append("\nRequest:        ").Append(requestPath);
        text.Append("\nMatching Route: ").Append(path.DisplayPattern).Append("\n\n");
        text.Append(definition.HelpSynopsis.Trim()).Append("\n\n");
        if (definition.Fields.Count > 0)
        {
            text.Append("## PARAMETERS\n");
            foreach (var field in definition.Fields.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                text.Append('\n');
                AppendIndented(text, 4, $"{field.Name} ({FieldFormat.TypeName(field.Type)})");
                text.Append('\n');
                var description = field.Description.Trim();
                description = description.Length == 0 ? "<no description>" : description;
                AppendIndented(text, 8, field.Deprecated ? "(DEPRECATED) " + description : description);
            }

            text.Append('\n');
        }

        text.Append("## DESCRIPTION\n\n").Append(definition.HelpDescription.Trim()).Append('\n');
        return text.ToString();
    }

    private static void AppendIndented(StringBuilder text, int indent, string value)
    {
        foreach (var line in value.Split('\n'))
        {
            text.Append(' ', indent).Append(line).Append('\n');
        }
    }
}
