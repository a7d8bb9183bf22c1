namespace VaultGpg.TestSupport;

/// <summary>One <c>[GNUPG:] KEYWORD args…</c> line of gpg's machine-readable status output.</summary>
public sealed record GpgStatusLine(string Keyword, IReadOnlyList<string> Arguments)
{
    private const string Prefix = "[GNUPG:] ";

    public static IReadOnlyList<GpgStatusLine> ParseAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<GpgStatusLine>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line[Prefix.Length..].TrimEnd('\r').Split(' ');
            lines.Add(new GpgStatusLine(parts[0], parts[1..]));
        }

        return lines;
    }

    public override string ToString() => $"{Keyword} {string.Join(' ', Arguments)}";
}
