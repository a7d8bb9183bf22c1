using System.Globalization;
using System.Text;

namespace VaultGpg.Transparency;

/// <summary>
/// Reads a log entry's lines in order: the header <c>&lt;origin&gt;/&lt;kind&gt;/v1</c>, then <c>name value</c>
/// lines that <see cref="Take"/> and <see cref="TakeOptional"/> consume one by one. Every problem is a
/// <see cref="FormatException"/> that names the line.
/// </summary>
internal sealed class EntryLines
{
    private const string Version = "/v1";
    private readonly string[] _lines;
    private int _next = 1;

    private EntryLines(string origin, string kind, string[] lines)
    {
        Origin = origin;
        Kind = kind;
        _lines = lines;
    }

    public string Origin { get; }

    public string Kind { get; }

    /// <summary>The one hash that names packets and keys.</summary>
    public static readonly IReadOnlyDictionary<string, int> Sha256Only = new Dictionary<string, int> { ["sha256"] = 32 };

    /// <summary>The entry's lines; with <paramref name="kind"/>, a <see cref="FormatException"/> when it is another kind.</summary>
    public static EntryLines Read(ReadOnlySpan<byte> entry, string? kind = null)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(entry);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("log entry is not UTF-8");
        }

        if (!text.EndsWith('\n') || text.Any(c => char.IsControl(c) && c != '\n'))
        {
            throw new FormatException("log entry must be lines ending in a newline, without control characters");
        }

        var lines = text[..^1].Split('\n');
        var header = lines[0];
        var kindStart = header.EndsWith(Version, StringComparison.Ordinal) ? header.LastIndexOf('/', header.Length - Version.Length - 1) : -1;
        if (kindStart <= 0)
        {
            throw new FormatException("log entry header is not <origin>/<kind>/v1");
        }

        var read = new EntryLines(header[..kindStart], header[(kindStart + 1)..^Version.Length], lines);
        return kind is null || read.Kind == kind ? read : throw new FormatException($"log entry is a \"{read.Kind}\" entry, not a \"{kind}\" entry");
    }

    /// <summary>The value of the next line, which must be named <paramref name="name"/>.</summary>
    public string Take(string name) =>
        TakeOptional(name) ?? throw new FormatException($"log entry line {_next + 1}: want \"{name} ...\"");

    /// <summary>The value of the next line when it is named <paramref name="name"/>, else null (nothing consumed).</summary>
    public string? TakeOptional(string name)
    {
        if (_next >= _lines.Length || !_lines[_next].StartsWith(name + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var value = _lines[_next][(name.Length + 1)..];
        if (value.Length == 0)
        {
            throw new FormatException($"log entry line {_next + 1} (\"{name}\") has no value");
        }

        _next++;
        return value;
    }

    /// <summary>Checks that every line was read.</summary>
    public void End()
    {
        if (_next != _lines.Length)
        {
            throw new FormatException($"log entry line {_next + 1}: unexpected \"{_lines[_next].Split(' ')[0]}\"");
        }
    }

    /// <summary>A lower-case hex fingerprint of 40 (v4) or 64 (v6) digits.</summary>
    public static string Fingerprint(string value, string name) =>
        (value.Length is 40 or 64) && value.All(char.IsAsciiHexDigitLower) ? value
            : throw new FormatException($"log entry \"{name}\" is not a lower-case hex fingerprint: \"{value}\"");

    /// <summary><c>sha256:&lt;hex&gt;</c> (or another of <paramref name="algorithms"/>): the algorithm and the hash.</summary>
    public static (string Algorithm, byte[] Hash) Hash(string value, string name, IReadOnlyDictionary<string, int> algorithms)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !algorithms.TryGetValue(value[..colon], out var size))
        {
            throw new FormatException($"log entry \"{name}\" does not name a known hash: \"{value}\"");
        }

        var hex = value[(colon + 1)..];
        return hex.Length == size * 2 && hex.All(char.IsAsciiHexDigitLower) ? (value[..colon], Convert.FromHexString(hex))
            : throw new FormatException($"log entry \"{name}\" is not {size} bytes of lower-case hex");
    }

    /// <summary>Unix seconds, decimal without leading zeros.</summary>
    public static DateTimeOffset Time(string value, string name) =>
        TileId.TryParseDecimalLong(value, out var seconds) && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new FormatException($"log entry \"{name}\" is not unix seconds: \"{value}\"");

    public static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="value"/> can stand in a line as one word (no spaces).</summary>
    public static string Word(string value, string name) =>
        value.Length > 0 && !value.Any(char.IsWhiteSpace) ? value
            : throw new FormatException($"log entry \"{name}\" must be one word: \"{value}\"");
}
