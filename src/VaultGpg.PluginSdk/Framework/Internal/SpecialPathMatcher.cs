namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>Matches a path against special-path patterns as Vault does: exact, '*' at the end for a prefix, '+' for
/// one whole segment.</summary>
internal static class SpecialPathMatcher
{
    public static bool Matches(string path, IEnumerable<string> patterns)
    {
        var parts = path.Split('/');
        foreach (var pattern in patterns)
        {
            if (pattern == path || (pattern.EndsWith('*') && path.StartsWith(pattern[..^1], StringComparison.Ordinal)))
            {
                return true;
            }

            if (pattern.Contains('+', StringComparison.Ordinal) && MatchesBySegment(parts, pattern.Split('/')))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesBySegment(string[] parts, string[] patternParts)
    {
        if (parts.Length < patternParts.Length)
        {
            return false;
        }

        for (var i = 0; i < patternParts.Length; i++)
        {
            var pattern = patternParts[i];
            if (pattern == "+")
            {
                continue;
            }

            if (pattern.EndsWith('*'))
            {
                return parts[i].StartsWith(pattern[..^1], StringComparison.Ordinal);
            }

            if (pattern != parts[i])
            {
                return false;
            }
        }

        return parts.Length == patternParts.Length;
    }
}
