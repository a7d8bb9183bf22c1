using System.Buffers.Binary;

namespace VaultGpg.Rpm;

/// <summary>
/// A header as rpm stores it (lib/header.c): magic <c>8E AD E8 01</c>, four reserved bytes, the entry count il and
/// data size dl, il index entries {tag, type, offset, count} of 16 bytes, then dl bytes of data. Entry 0 is the
/// region tag (62 in the signature header, 63 in the main header) whose 16-byte trailer
/// {tag, BIN, -16*il, 16} ends the data. <see cref="Parse"/> applies rpm's checks (hdrblobVerifyInfo and
/// hdrblobVerifyRegion); <see cref="ToArray"/> lays entries out as rpm's headerExport does for a header it built
/// itself: entries sorted by tag, data in that order, each aligned to its type, the trailer last.
/// </summary>
public sealed class RpmHeader
{
    public const int PreambleLength = 16;
    public const int IndexEntryLength = 16;
    private const int RegionTrailerLength = 16;
    private const int MaxEntries = 0xffff;
    private const int MaxData = 0x0fffffff;
    private const int MaxArrayCount = 0x000fffff;
    private const int FirstDataTag = 100;

    private static ReadOnlySpan<byte> Magic => [0x8E, 0xAD, 0xE8, 0x01];

    public RpmHeader(int regionTag, IReadOnlyList<RpmHeaderEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        RegionTag = regionTag;
        Entries = entries;
    }

    /// <summary>The region tag (62 or 63), or 0 for a header without a region (v3 packages' main header).</summary>
    public int RegionTag { get; }

    /// <summary>The entries after the region tag, in the order they are stored.</summary>
    public IReadOnlyList<RpmHeaderEntry> Entries { get; }

    public RpmHeaderEntry? Find(int tag) => Entries.FirstOrDefault(e => e.Tag == tag);

    /// <summary>
    /// The header's length from <paramref name="preamble"/> (its first 16 bytes): 16 + 16 il + dl; refuses counts rpm
    /// refuses (<paramref name="signature"/>: at most 32 entries and 64 MiB of data, as rpm reads signature headers).
    /// </summary>
    public static int LengthFromPreamble(ReadOnlySpan<byte> preamble, bool signature, string what)
    {
        if (preamble.Length < PreambleLength)
        {
            throw Corrupt($"{what}: the file ends before the header");
        }

        if (!preamble[..4].SequenceEqual(Magic))
        {
            throw Corrupt($"{what}: no header magic");
        }

        var il = BinaryPrimitives.ReadUInt32BigEndian(preamble[8..]);
        var dl = BinaryPrimitives.ReadUInt32BigEndian(preamble[12..]);
        var (maxIl, maxDl) = signature ? (32u, 64u * 1024 * 1024) : (MaxEntries, (uint)MaxData);
        if (il < 1 || il > maxIl || dl > maxDl)
        {
            throw Corrupt($"{what}: {il} entries and {dl} data bytes are out of range");
        }

        return PreambleLength + ((int)il * IndexEntryLength) + (int)dl;
    }

    /// <summary>Parses a whole header (from its magic); <paramref name="regionTag"/> is the region it must (62) or may (63) have.</summary>
    public static RpmHeader Parse(ReadOnlyMemory<byte> blob, int regionTag, string what)
    {
        var span = blob.Span;
        var length = LengthFromPreamble(span, regionTag == RpmTags.HeaderSignatures, what);
        if (span.Length != length)
        {
            throw Corrupt($"{what}: {span.Length} bytes where the header says {length}");
        }

        var il = (int)BinaryPrimitives.ReadUInt32BigEndian(span[8..]);
        var dl = (int)BinaryPrimitives.ReadUInt32BigEndian(span[12..]);
        var dataStart = PreambleLength + (il * IndexEntryLength);
        var data = blob.Slice(dataStart, dl);
        var first = ReadIndex(span, 0);
        var hasRegion = first.Tag == regionTag;
        if (!hasRegion && regionTag == RpmTags.HeaderSignatures)
        {
            throw Corrupt($"{what}: entry 0 is tag {first.Tag}, not the signature region (62)");
        }

        var regionDataEnd = dl;
        if (hasRegion)
        {
            regionDataEnd = CheckRegion(first, data.Span, il, dl, regionTag, what);
        }

        var entries = new List<RpmHeaderEntry>(il);
        var end = 0;
        for (var i = hasRegion ? 1 : 0; i < il; i++)
        {
            var (tag, type, offset, count) = ReadIndex(span, i);
            if (end > offset || tag < FirstDataTag || type is < 0 or > (int)RpmTagType.I18nString || count < 1 || count > dl
                || offset < 0 || offset > dl || (offset & (Alignment((RpmTagType)type) - 1)) != 0
                || (type != (int)RpmTagType.Bin && count > MaxArrayCount))
            {
                throw Corrupt($"{what}: entry {i} (tag {tag} type {type} offset {offset} count {count}) is malformed");
            }

            var size = DataLength((RpmTagType)type, data.Span[offset..], count);
            if (size <= 0 || offset + size > dl || (hasRegion && offset + size > regionDataEnd - RegionTrailerLength && offset < regionDataEnd))
            {
                throw Corrupt($"{what}: entry {i} (tag {tag}) has data outside the header");
            }

            end = offset + size;
            entries.Add(new RpmHeaderEntry(tag, (RpmTagType)type, count, data.Slice(offset, size)));
        }

        return new RpmHeader(hasRegion ? regionTag : 0, entries);
    }

    /// <summary>The header's bytes, laid out as rpm exports a header it built: sorted by tag, aligned, trailer last.</summary>
    public byte[] ToArray()
    {
        if (RegionTag == 0)
        {
            throw new InvalidOperationException("only headers with a region are rebuilt");
        }

        var sorted = Entries.OrderBy(e => e.Tag).ToList();
        var il = sorted.Count + 1;
        var offsets = new int[sorted.Count];
        var dl = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            dl = Align(dl, Alignment(sorted[i].Type));
            offsets[i] = dl;
            dl += sorted[i].Data.Length;
        }

        var trailerOffset = dl;
        dl += RegionTrailerLength;
        var bytes = new byte[PreambleLength + (il * IndexEntryLength) + dl];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], il);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], dl);
        WriteIndex(span[PreambleLength..], RegionTag, RpmTagType.Bin, trailerOffset, RegionTrailerLength);
        var dataStart = PreambleLength + (il * IndexEntryLength);
        for (var i = 0; i < sorted.Count; i++)
        {
            var e = sorted[i];
            WriteIndex(span[(PreambleLength + ((i + 1) * IndexEntryLength))..], e.Tag, e.Type, offsets[i], e.Count);
            e.Data.Span.CopyTo(span[(dataStart + offsets[i])..]);
        }

        WriteIndex(span[(dataStart + trailerOffset)..], RegionTag, RpmTagType.Bin, -il * IndexEntryLength, RegionTrailerLength);
        return bytes;
    }

    /// <summary>Checks the region entry and its trailer as hdrblobVerifyRegion does, with package files' exact size.</summary>
    private static int CheckRegion((int Tag, int Type, int Offset, int Count) region, ReadOnlySpan<byte> data, int il, int dl, int regionTag, string what)
    {
        if (region.Type != (int)RpmTagType.Bin || region.Count != RegionTrailerLength || region.Offset < 0 || region.Offset + RegionTrailerLength > dl)
        {
            throw Corrupt($"{what}: bad region tag (type {region.Type} offset {region.Offset} count {region.Count})");
        }

        var trailer = data.Slice(region.Offset, RegionTrailerLength);
        var tag = BinaryPrimitives.ReadInt32BigEndian(trailer);
        var type = BinaryPrimitives.ReadInt32BigEndian(trailer[4..]);
        var negativeOffset = BinaryPrimitives.ReadInt32BigEndian(trailer[8..]);
        var count = BinaryPrimitives.ReadInt32BigEndian(trailer[12..]);

        // rpm accepts HEADERIMAGE (61) in old signature region trailers.
        var tagOk = tag == regionTag || (regionTag == RpmTags.HeaderSignatures && tag == 61);
        if (!tagOk || type != (int)RpmTagType.Bin || count != RegionTrailerLength)
        {
            throw Corrupt($"{what}: bad region trailer (tag {tag} type {type} count {count})");
        }

        var regionIndexBytes = -(long)negativeOffset;
        if (regionIndexBytes % IndexEntryLength != 0 || regionIndexBytes / IndexEntryLength != il || region.Offset + RegionTrailerLength != dl)
        {
            throw Corrupt($"{what}: the region does not cover the whole header (trailer says {regionIndexBytes / IndexEntryLength} entries of {il})");
        }

        return region.Offset + RegionTrailerLength;
    }

    /// <summary>Bytes of an entry's data on disk (lib/header.c, dataLength); -1 when it does not fit.</summary>
    private static int DataLength(RpmTagType type, ReadOnlySpan<byte> data, int count)
    {
        switch (type)
        {
            case RpmTagType.String:
                if (count != 1)
                {
                    return -1;
                }

                var nul = data.IndexOf((byte)0);
                return nul < 0 ? -1 : nul + 1;
            case RpmTagType.StringArray or RpmTagType.I18nString:
                var length = 0;
                for (var i = 0; i < count; i++)
                {
                    var next = data[length..].IndexOf((byte)0);
                    if (next < 0)
                    {
                        return -1;
                    }

                    length += next + 1;
                }

                return length;
            case RpmTagType.Null:
                return 0;
            default:
                var size = (long)count * ElementSize(type);
                return size > data.Length ? -1 : (int)size;
        }
    }

    private static int ElementSize(RpmTagType type) => type switch
    {
        RpmTagType.Int16 => 2,
        RpmTagType.Int32 => 4,
        RpmTagType.Int64 => 8,
        _ => 1,
    };

    private static int Alignment(RpmTagType type) => type switch
    {
        RpmTagType.Int16 => 2,
        RpmTagType.Int32 => 4,
        RpmTagType.Int64 => 8,
        _ => 1,
    };

    private static int Align(int offset, int alignment) => (offset + alignment - 1) & -alignment;

    private static (int Tag, int Type, int Offset, int Count) ReadIndex(ReadOnlySpan<byte> header, int index)
    {
        var entry = header.Slice(PreambleLength + (index * IndexEntryLength), IndexEntryLength);
        return (BinaryPrimitives.ReadInt32BigEndian(entry), BinaryPrimitives.ReadInt32BigEndian(entry[4..]),
            BinaryPrimitives.ReadInt32BigEndian(entry[8..]), BinaryPrimitives.ReadInt32BigEndian(entry[12..]));
    }

    private static void WriteIndex(Span<byte> target, int tag, RpmTagType type, int offset, int count)
    {
        BinaryPrimitives.WriteInt32BigEndian(target, tag);
        BinaryPrimitives.WriteInt32BigEndian(target[4..], (int)type);
        BinaryPrimitives.WriteInt32BigEndian(target[8..], offset);
        BinaryPrimitives.WriteInt32BigEndian(target[12..], count);
    }

    private static RpmPackageException Corrupt(string message) => new(RpmErrorKind.CorruptHeader, "corrupt header: " + message);
}
