using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Framework;

/// <summary>
/// A declared path (Vault's framework.Path): a pattern, its fields, a handler per operation, an optional existence
/// check, and help text. List definitions in route order in <see cref="FrameworkBackendOptions.Paths"/>: the first
/// pattern that matches a request wins.
/// </summary>
/// <example><code>
/// new PathDefinition("keys/" + PathPatterns.Name(Name))
/// {
///     Fields = [Name, KeyBits],
///     Operations = { [Operation.Read] = new(ReadAsync) { Summary = "Read a key." } },
///     HelpSynopsis = "…", HelpDescription = "…",
/// };
/// </code></example>
public sealed class PathDefinition
{
    public PathDefinition(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        Pattern = pattern;
    }

    /// <summary>
    /// A .NET regular expression matched against the whole request path (anchoring is added automatically). Named
    /// groups are URL captures and must be declared in <see cref="Fields"/>; Go's <c>(?P&lt;name&gt;…)</c> spelling
    /// is accepted too. Unnamed groups do not capture.
    /// </summary>
    public string Pattern { get; }

    /// <summary>The parameters this path accepts, URL captures included.</summary>
    public IReadOnlyList<FieldSchema> Fields { get; init; } = [];

    /// <summary>Rules over several fields (exactly one of some alternatives), checked for create and update like required
    /// fields; every field they name must be in <see cref="Fields"/>.</summary>
    public IReadOnlyList<FieldChoice> Choices { get; init; } = [];

    /// <summary>The operations this path handles; any other operation answers 405.</summary>
    public Dictionary<Operation, PathOperation> Operations { get; } = [];

    /// <summary>
    /// Decides create versus update before a write. Declare it only where the two differ, and then also declare
    /// <see cref="Operation.Create"/> (Vault sends create when the check says the target does not exist).
    /// </summary>
    public ExistenceCheck? ExistenceCheck { get; init; }

    /// <summary>True when writes take arbitrary keys (the whole body is the input): undeclared parameters then give no
    /// "ignored parameters" warning.</summary>
    public bool TakesArbitraryInput { get; init; }

    /// <summary>One line that says what the path is for; shown in root help and as the OpenAPI path description.</summary>
    public string HelpSynopsis { get; init; } = "";

    /// <summary>The full help text of the path.</summary>
    public string HelpDescription { get; init; } = "";
}
