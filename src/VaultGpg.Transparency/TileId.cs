using System.Globalization;
using System.Text;

namespace VaultGpg.Transparency;

/// <summary>
/// One C2SP tlog-tiles resource: a hash tile at <paramref name="Level"/> ≥ 0, or an entry bundle
/// (<see cref="EntriesLevel"/>), number <paramref name="Index"/> in its level, <paramref name="Width"/> hashes or
/// entries wide (1..256; 256 is a full tile, anything less is served as <c>.p/W</c>).
/// </summary>
public readonly record struct TileId(int Level, long Index, int Width)
{
    /// <summary>The level that stands for entry bundles (<c>tile/entries/…</c>).</summary>
    public const int EntriesLevel = -1;

    /// <summary>The highest hash tile level tlog-tiles allows.</summary>
    public const int MaxLevel = 63;

    public bool IsEntryBundle => Level == EntriesLevel;

    public bool IsFull => Width == TileLayout.Width;

    /// <summary>The path below the log's prefix: <c>tile/0/x001/234.p/5</c> or <c>tile/entries/000</c>.</summary>
    public string Path
    {
        get
        {
            var level = IsEntryBundle ? "entries" : Level.ToString(CultureInfo.InvariantCulture);
            var partial = IsFull ? string.Empty : ".p/" + Width.ToString(CultureInfo.InvariantCulture);
            return $"tile/{level}/{FormatIndex(Index)}{partial}";
        }
    }

    /// <summary>Writes the index in three-digit groups, every group but the last prefixed with <c>x</c> (1234067 is <c>x001/x234/067</c>).</summary>
    public static string FormatIndex(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var groups = new List<string>();
        do
        {
            groups.Add((index % 1000).ToString("D3", CultureInfo.InvariantCulture));
            index /= 1000;
        }
        while (index > 0);

        groups.Reverse();
        var text = new StringBuilder();
        for (var i = 0; i < groups.Count; i++)
        {
            text.Append(i < groups.Count - 1 ? "x" + groups[i] + "/" : groups[i]);
        }

        return text.ToString();
    }

    /// <summary>Reads an index written by <see cref="FormatIndex"/>; null unless it is exactly that form.</summary>
    public static long? ParseIndex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = text.Split('/');
        if (groups.Length > 7)
        {
            return null;
        }

        long index = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (i < groups.Length - 1)
            {
                if (!group.StartsWith('x'))
                {
                    return null;
                }

                group = group[1..];
            }

            if (group.Length != 3 || !group.All(char.IsAsciiDigit))
            {
                return null;
            }

            index = (index * 1000) + int.Parse(group, CultureInfo.InvariantCulture);
        }

        return index;
    }

    /// <summary>Reads a path below the prefix (<c>tile/…</c>) in the exact form <see cref="Path"/> writes; null otherwise.</summary>
    public static TileId? Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Prefix = "tile/";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[Prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        var levelText = rest[..slash];
        int level;
        if (levelText == "entries")
        {
            level = EntriesLevel;
        }
        else if (!TryParseDecimal(levelText, MaxLevel, out level))
        {
            return null;
        }

        return ParseIndexAndWidth(level, rest[(slash + 1)..]);
    }

    /// <summary>The tile of <paramref name="level"/> from its index text with an optional <c>.p/W</c> suffix.</summary>
    public static TileId? ParseIndexAndWidth(int level, string indexAndWidth)
    {
        ArgumentNullException.ThrowIfNull(indexAndWidth);
        var width = TileLayout.Width;
        var indexText = indexAndWidth;
        var partial = indexAndWidth.IndexOf(".p/", StringComparison.Ordinal);
        if (partial >= 0)
        {
            if (!TryParseDecimal(indexAndWidth[(partial + 3)..], TileLayout.Width - 1, out width) || width == 0)
            {
                return null;
            }

            indexText = indexAndWidth[..partial];
        }

        return ParseIndex(indexText) is { } index ? new TileId(level, index, width) : null;
    }

    /// <summary>A decimal without sign or leading zeros, at most <paramref name="max"/>.</summary>
    internal static bool TryParseDecimal(string text, int max, out int value)
    {
        value = 0;
        if (!TryParseDecimalLong(text, out var parsed) || parsed > max)
        {
            return false;
        }

        value = (int)parsed;
        return true;
    }

    /// <summary>A non-negative decimal <c>long</c> without sign or leading zeros.</summary>
    internal static bool TryParseDecimalLong(string text, out long value)
    {
        value = 0;
        return text.Length > 0 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
