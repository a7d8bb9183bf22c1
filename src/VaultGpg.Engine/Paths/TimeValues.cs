using System.Globalization;

namespace VaultGpg.Engine.Paths;

/// <summary>Points in time sent as fields (expires_at, signs_from): RFC 3339, UTC when no offset is given.</summary>
internal static class TimeValues
{
    public static Parsed<DateTimeOffset> Rfc3339(string fieldName, string text, string alternative) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : Parsed<DateTimeOffset>.Invalid(fieldName, $"\"{text}\" is not an RFC 3339 time such as 2028-12-31T00:00:00Z, nor {alternative}");

    /// <summary>Unix seconds for a log entry's settings words.</summary>
    public static string Unix(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
