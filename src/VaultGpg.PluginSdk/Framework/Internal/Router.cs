namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>Finds the path definition for a request path: the first pattern that matches wins.</summary>
internal sealed class Router
{
    public Router(IEnumerable<PathDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        Paths = [.. definitions.Select(d => new CompiledPath(d))];
    }

    public IReadOnlyList<CompiledPath> Paths { get; }

    public RouteMatch? Match(string path)
    {
        foreach (var candidate in Paths)
        {
            var match = candidate.Regex.Match(path);
            if (!match.Success)
            {
                continue;
            }

            // Only groups that took part in the match count as sent: an absent optional segment is "not sent".
            var captures = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in candidate.CaptureNames)
            {
                var group = match.Groups[name];
                if (group.Success)
                {
                    captures[name] = group.Value;
                }
            }

            return new RouteMatch(candidate, captures);
        }

        return null;
    }
}
