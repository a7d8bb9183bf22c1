using System.Text.RegularExpressions;

namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>A <see cref="PathDefinition"/> checked and prepared for routing.</summary>
internal sealed class CompiledPath
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public CompiledPath(PathDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Source = definition.Pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
        var body = Source;
        if (body.StartsWith('^'))
        {
            body = body[1..];
        }

        if (body.EndsWith('$') && !body.EndsWith("\\$", StringComparison.Ordinal))
        {
            body = body[..^1];
        }

        DisplayPattern = "^" + body + "$";
        try
        {
            // Grouped so that a top-level alternation is anchored as a whole; \z so that a trailing newline never matches.
            Regex = new Regex("^(?:" + body + ")\\z", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"path pattern \"{definition.Pattern}\" is not a valid regular expression: {e.Message}", nameof(definition), e);
        }

        FieldsByName = BuildFields(definition);
        CaptureNames = [.. Regex.GetGroupNames().Where(n => !int.TryParse(n, out _))];
        foreach (var capture in CaptureNames.Where(c => !FieldsByName.ContainsKey(c)))
        {
            throw new ArgumentException($"path pattern \"{definition.Pattern}\" captures \"{capture}\" but declares no field of that name", nameof(definition));
        }

        foreach (var field in definition.Choices.SelectMany(c => c.Alternatives).SelectMany(a => a).Where(f => !FieldsByName.ContainsKey(f.Name)))
        {
            throw new ArgumentException($"path \"{definition.Pattern}\" has a choice over \"{field.Name}\", which it does not declare", nameof(definition));
        }

        var hasCreate = definition.Operations.ContainsKey(Logical.Operation.Create);
        if (definition.ExistenceCheck is not null && !hasCreate)
        {
            throw new ArgumentException($"path \"{definition.Pattern}\" has an existence check but no create operation; Vault would send create and get 405", nameof(definition));
        }

        if (definition.ExistenceCheck is null && hasCreate)
        {
            throw new ArgumentException($"path \"{definition.Pattern}\" declares create but no existence check; Vault never sends create without one", nameof(definition));
        }

        Operations = definition.Operations.ToDictionary();
    }

    public PathDefinition Definition { get; }

    /// <summary>The pattern in .NET syntax, without added anchors.</summary>
    public string Source { get; }

    /// <summary>The pattern as Vault shows it in help: anchored with ^ and $.</summary>
    public string DisplayPattern { get; }

    public Regex Regex { get; }

    public IReadOnlyList<string> CaptureNames { get; }

    public IReadOnlyDictionary<string, FieldSchema> FieldsByName { get; }

    /// <summary>A snapshot of the operations, so later changes to the definition cannot change routing.</summary>
    public IReadOnlyDictionary<Logical.Operation, PathOperation> Operations { get; }

    private static Dictionary<string, FieldSchema> BuildFields(PathDefinition definition)
    {
        var fields = new Dictionary<string, FieldSchema>(StringComparer.Ordinal);
        foreach (var field in definition.Fields)
        {
            ArgumentNullException.ThrowIfNull(field, nameof(definition));
            if (!fields.TryAdd(field.Name, field))
            {
                throw new ArgumentException($"path \"{definition.Pattern}\" declares field \"{field.Name}\" twice", nameof(definition));
            }
        }

        return fields;
    }
}
