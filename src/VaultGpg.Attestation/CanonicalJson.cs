using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace VaultGpg.Attestation;

/// <summary>
/// securesystemslib's <c>encode_canonical</c> (OLPC canonical JSON), the bytes in-toto signs and hashes key IDs over:
/// object members sorted by name (Python's code-point order), no whitespace, strings written raw with only <c>\</c>
/// and <c>"</c> escaped (no other escape, not even for control characters), integers only (a float is an error there,
/// so it is here), then UTF-8. Not RFC 8785.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The most digits an integer may have (Python's limit for turning an int into text).</summary>
    public const int MaxIntegerDigits = 4300;

    /// <summary>The canonical bytes of <paramref name="value"/>.</summary>
    /// <exception cref="AttestationException">A number that is not an integer (securesystemslib cannot encode it).</exception>
    public static byte[] Encode(JsonElement value)
    {
        var text = new StringBuilder();
        Write(value, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Write(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                WriteString(value.GetString()!, text);
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            case JsonValueKind.Number:
                text.Append(Integer(value.GetRawText()));
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    Write(item, text);
                }

                text.Append(']');
                break;
            case JsonValueKind.Object:
                text.Append('{');
                var members = value.EnumerateObject().ToList();
                members.Sort((a, b) => CompareCodePoints(a.Name, b.Name));
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    WriteString(members[i].Name, text);
                    text.Append(':');
                    Write(members[i].Value, text);
                }

                text.Append('}');
                break;
            default:
                throw new AttestationException($"cannot encode a JSON {value.ValueKind} canonically");
        }
    }

    /// <summary>One canonical JSON string: only <c>\</c> and <c>"</c> escaped.</summary>
    internal static string String(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static void WriteString(string value, StringBuilder text) => text.Append(String(value));

    /// <summary>Python's <c>str(int)</c> of a JSON integer (so <c>-0</c> is <c>0</c>); fractions and exponents are refused,
    /// as Python's json reads them as floats, which encode_canonical cannot encode.</summary>
    private static string Integer(string raw)
    {
        if (raw.AsSpan().IndexOfAny(".eE") >= 0)
        {
            throw new AttestationException($"the number {raw} is not an integer; canonical JSON has integers only");
        }

        // Python refuses to convert integers of more than 4300 digits to text (sys.int_info.default_max_str_digits), so
        // securesystemslib cannot have signed one; refusing them also keeps the big-integer parse cheap.
        if (raw.TrimStart('-').Length > MaxIntegerDigits)
        {
            throw new AttestationException($"an integer of {raw.TrimStart('-').Length} digits; at most {MaxIntegerDigits} digits");
        }

        return BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Python sorts str keys by code point; UTF-16 ordinal order differs only when a surrogate pair meets a
    /// character from U+E000 up, so compare by runes.</summary>
    private static int CompareCodePoints(string a, string b)
    {
        var left = a.EnumerateRunes();
        var right = b.EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft.CompareTo(hasRight);
            }

            var order = left.Current.Value.CompareTo(right.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }
}
