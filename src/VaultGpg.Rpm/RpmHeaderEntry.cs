namespace VaultGpg.Rpm;

/// <summary>One entry of a header: its tag, type, count and exactly its data bytes (no alignment padding).</summary>
public sealed record RpmHeaderEntry(int Tag, RpmTagType Type, int Count, ReadOnlyMemory<byte> Data)
{
    /// <summary>A BIN entry (a signature packet, reserved space).</summary>
    public static RpmHeaderEntry Binary(int tag, ReadOnlyMemory<byte> data) => new(tag, RpmTagType.Bin, data.Length, data);

    /// <summary>A STRING_ARRAY entry: each string followed by its NUL.</summary>
    public static RpmHeaderEntry StringArray(int tag, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = values.SelectMany(v => System.Text.Encoding.UTF8.GetBytes(v).Append((byte)0)).ToArray();
        return new RpmHeaderEntry(tag, RpmTagType.StringArray, values.Count, bytes);
    }

    /// <summary>The value of a STRING entry, without its NUL; null for other types.</summary>
    public string? StringValue =>
        Type == RpmTagType.String ? System.Text.Encoding.UTF8.GetString(Data.Span[..^1]) : null;

    /// <summary>The values of a STRING_ARRAY entry; empty for other types.</summary>
    public IReadOnlyList<string> StringValues =>
        Type is RpmTagType.StringArray or RpmTagType.I18nString
            ? System.Text.Encoding.UTF8.GetString(Data.Span[..^1]).Split('\0')
            : [];
}
