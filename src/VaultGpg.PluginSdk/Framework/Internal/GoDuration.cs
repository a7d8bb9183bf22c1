using System.Globalization;

namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>
/// Parses durations the way Vault's ParseDurationSecond does: a plain integer is seconds, anything else is a Go
/// duration ("1h30m", "90s", "1.5h", "-5m") where "d" (days) is also accepted. Results are truncated to whole seconds.
/// </summary>
internal static class GoDuration
{
    /// <summary>The largest duration Vault can hold: Go's time.Duration is int64 nanoseconds (about 292 years).</summary>
    public const long MaxSeconds = long.MaxValue / 1_000_000_000;

    public const string OutOfRange = "out of range: at most 9223372036 seconds (about 292 years), Go's time.Duration limit";

    /// <summary>True when <paramref name="text"/> is a well-formed number of seconds or Go duration that is too large.</summary>
    public static bool IsOutOfRange(string text) =>
        text.Length > 0 && (IsInteger(text) || TryParseGo(text, out _, checkRange: false));

    private static bool IsInteger(string text)
    {
        var digits = text[0] is '-' or '+' ? text.AsSpan(1) : text.AsSpan();
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }

    public static bool TryParseSeconds(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text.Length == 0)
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            if (Math.Abs(seconds) > MaxSeconds)
            {
                return false;
            }

            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        if (!TryParseGo(text, out var totalSeconds, checkRange: true))
        {
            return false;
        }

        value = TimeSpan.FromSeconds(Math.Truncate(totalSeconds));
        return true;
    }

    private static bool TryParseGo(string text, out double totalSeconds, bool checkRange)
    {
        totalSeconds = 0;
        var span = text.AsSpan();
        var negative = false;
        if (span[0] is '-' or '+')
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        if (span.SequenceEqual("0"))
        {
            return true;
        }

        if (span.IsEmpty)
        {
            return false;
        }

        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            span = span[numberLength..];
            var unitLength = 0;
            while (unitLength < span.Length && !char.IsAsciiDigit(span[unitLength]) && span[unitLength] != '.')
            {
                unitLength++;
            }

            var unitSeconds = UnitSeconds(span[..unitLength]);
            if (unitSeconds is null)
            {
                return false;
            }

            totalSeconds += number * unitSeconds.Value;
            span = span[unitLength..];
        }

        if (checkRange && totalSeconds > MaxSeconds)
        {
            return false;
        }

        totalSeconds = negative ? -totalSeconds : totalSeconds;
        return true;
    }

    private static double? UnitSeconds(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => 1e-9,
        "us" or "µs" or "μs" => 1e-6,
        "ms" => 1e-3,
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => null,
    };
}
