using System.Text;

namespace VaultGpg.Transparency;

/// <summary>
/// One entry of a VaultGpg log (API.md, "Log entries"): a small UTF-8 text, first line <c>&lt;origin&gt;/&lt;kind&gt;/v1</c>,
/// then <c>name value</c> lines, each ending in a newline. <see cref="Parse"/> tells the kinds apart (a
/// <see cref="SignatureEntry"/>, a <see cref="KeyEventEntry"/> or a <see cref="GateEntry"/>) and accepts only the exact text
/// <see cref="ToBytes"/> writes, so an entry read back from a log renders to the same leaf.
/// </summary>
public abstract record LogEntry(string Origin)
{
    /// <summary>The entry's text, the bytes that are hashed as the leaf.</summary>
    public abstract byte[] ToBytes();

    /// <summary>Reads an entry of any kind; a <see cref="FormatException"/> naming the problem when it is not exactly in the format.</summary>
    public static LogEntry Parse(ReadOnlySpan<byte> entry)
    {
        var lines = EntryLines.Read(entry);
        return lines.Kind switch
        {
            SignatureEntry.Kind => SignatureEntry.Parse(entry),
            KeyEventEntry.Kind => KeyEventEntry.Parse(entry),
            GateEntry.Kind => GateEntry.Parse(entry),
            _ => throw new FormatException($"unknown log entry kind \"{lines.Kind}\""),
        };
    }

    /// <summary>The entry's first line, <c>&lt;origin&gt;/&lt;kind&gt;/v1</c>, with its newline.</summary>
    private protected StringBuilder Header(string kind) => new StringBuilder(Origin).Append('/').Append(kind).Append("/v1\n");
}
