using System.Buffers.Binary;

namespace VaultGpg.Transparency;

/// <summary>C2SP tlog-tiles entry bundles: each entry as a big-endian uint16 length followed by its bytes.</summary>
public static class EntryBundle
{
    /// <summary>The largest entry a bundle can hold.</summary>
    public const int MaxEntrySize = ushort.MaxValue;

    public static byte[] Encode(IEnumerable<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var output = new MemoryStream();
        Span<byte> length = stackalloc byte[2];
        foreach (var entry in entries)
        {
            if (entry.Length > MaxEntrySize)
            {
                throw new ArgumentException($"an entry of {entry.Length} bytes does not fit a bundle (at most {MaxEntrySize})", nameof(entries));
            }

            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)entry.Length);
            output.Write(length);
            output.Write(entry.Span);
        }

        return output.ToArray();
    }

    /// <summary>The entries of a bundle; a truncated bundle is a <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<byte[]> Decode(ReadOnlySpan<byte> bundle)
    {
        var entries = new List<byte[]>();
        while (!bundle.IsEmpty)
        {
            if (bundle.Length < 2)
            {
                throw new FormatException("entry bundle ends inside a length prefix");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle);
            if (bundle.Length < 2 + length)
            {
                throw new FormatException($"entry bundle ends inside entry {entries.Count}");
            }

            entries.Add(bundle.Slice(2, length).ToArray());
            bundle = bundle[(2 + length)..];
        }

        return entries;
    }
}
