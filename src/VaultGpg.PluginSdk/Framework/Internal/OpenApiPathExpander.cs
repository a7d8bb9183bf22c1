namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>
/// Turns a path pattern into the OpenAPI paths it stands for, as Vault's expandPattern does: named groups become
/// <c>{name}</c>, each optional part and alternation doubles the paths, and a trailing optional slash is dropped.
/// Patterns with constructs that have no path form (character classes, '.', repetition outside a named group) cannot
/// be expanded; Vault then lists the raw pattern without operations.
/// </summary>
internal sealed class OpenApiPathExpander
{
    private readonly string _pattern;
    private readonly HashSet<string> _captures = new(StringComparer.Ordinal);
    private int _position;

    private OpenApiPathExpander(string pattern) => _pattern = pattern;

    /// <summary>Expands <paramref name="pattern"/> (.NET syntax, without anchors).</summary>
    /// <returns>The paths and the names of every named group, or null when the pattern cannot be expressed.</returns>
    public static OpenApiPaths? Expand(string pattern)
    {
        var expander = new OpenApiPathExpander(pattern);
        var variants = expander.ParseAlternation();
        if (variants is null || expander._position != pattern.Length)
        {
            return null;
        }

        var paths = variants.Where(v => !v.EndsWithOptionalSlash).Select(v => v.Text).Distinct(StringComparer.Ordinal).ToList();
        return new OpenApiPaths(paths, expander._captures);
    }

    private List<Variant>? ParseAlternation()
    {
        var all = new List<Variant>();
        while (true)
        {
            var sequence = ParseSequence();
            if (sequence is null)
            {
                return null;
            }

            all.AddRange(sequence);
            if (Peek() != '|')
            {
                return all;
            }

            _position++;
        }
    }

    private List<Variant>? ParseSequence()
    {
        List<Variant> result = [new Variant("", false)];
        while (Peek() is { } c && c != '|' && c != ')')
        {
            var atom = ParseAtom(out var isSlash);
            if (atom is null)
            {
                return null;
            }

            if (Peek() == '?')
            {
                _position++;
                if (Peek() is '?' or '+')
                {
                    return null;
                }

                // Vault drops the path variant that ends in an optional slash; mark it so the caller can.
                var present = atom.Select(v => v with { EndsWithOptionalSlash = isSlash || v.EndsWithOptionalSlash });
                atom = [new Variant("", false), .. present];
            }
            else if (Peek() is '*' or '+' or '{')
            {
                return null;
            }

            result = [.. result.SelectMany(left => atom.Select(right => left.Append(right)))];
        }

        return result;
    }

    private List<Variant>? ParseAtom(out bool isSlash)
    {
        isSlash = false;
        var c = _pattern[_position++];
        switch (c)
        {
            case '(':
                return ParseGroup();
            case '\\':
                if (_position >= _pattern.Length || char.IsAsciiLetterOrDigit(_pattern[_position]))
                {
                    return null;
                }

                isSlash = _pattern[_position] == '/';
                return [new Variant(_pattern[_position++].ToString(), false)];
            case '^' or '$':
                return [new Variant("", false)];
            case '[' or '.' or '*' or '+' or '?' or '{':
                return null;
            default:
                isSlash = c == '/';
                return [new Variant(c.ToString(), false)];
        }
    }

    private List<Variant>? ParseGroup()
    {
        if (Peek() == '?')
        {
            var rest = _pattern.AsSpan(_position);
            if (rest.StartsWith("?<") && rest.Length > 2 && rest[2] is not ('=' or '!'))
            {
                return ParseNamedGroup('>');
            }

            if (rest.StartsWith("?'"))
            {
                return ParseNamedGroup('\'');
            }

            if (!rest.StartsWith("?:"))
            {
                return null;
            }

            _position += 2;
        }

        var inner = ParseAlternation();
        if (inner is null || Peek() != ')')
        {
            return null;
        }

        _position++;
        return inner;
    }

    private List<Variant>? ParseNamedGroup(char nameEnd)
    {
        _position += 2;
        var end = _pattern.IndexOf(nameEnd, _position);
        if (end < 0)
        {
            return null;
        }

        var name = _pattern[_position..end];
        _position = end + 1;
        if (!SkipToGroupEnd())
        {
            return null;
        }

        _captures.Add(name);
        return [new Variant("{" + name + "}", false)];
    }

    /// <summary>Skips the inside of a named group (whatever it matches becomes the parameter) and its ')'.</summary>
    private bool SkipToGroupEnd()
    {
        var depth = 1;
        var inClass = false;
        while (_position < _pattern.Length)
        {
            var c = _pattern[_position++];
            if (c == '\\')
            {
                _position++;
            }
            else if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return true;
            }
        }

        return false;
    }

    private char? Peek() => _position < _pattern.Length ? _pattern[_position] : null;

    private sealed record Variant(string Text, bool EndsWithOptionalSlash)
    {
        public Variant Append(Variant next) => next.Text.Length == 0
            ? this with { EndsWithOptionalSlash = EndsWithOptionalSlash || next.EndsWithOptionalSlash }
            : new Variant(Text + next.Text, next.EndsWithOptionalSlash);
    }
}
