using System.Buffers.Binary;

namespace VaultGpg.OpenPgp.Verification;

/// <summary>
/// Splits binary OpenPGP data into packets (RFC 4880 §4.2), old and new header formats, partial body lengths
/// included. Every length is checked against the bytes actually present before anything is allocated, so absurd
/// length headers fail fast as malformed input instead of allocating or waiting for data that never comes.
/// </summary>
internal static class PacketReader
{
    /// <summary>More packets than any message or signature we handle has; bounds work on crafted input.</summary>
    public const int MaxPackets = 4096;

    public static List<Packet> ReadAll(ReadOnlyMemory<byte> input)
    {
        var packets = new List<Packet>();
        var position = 0;
        while (position < input.Length)
        {
            if (packets.Count == MaxPackets)
            {
                throw Malformed("too many packets");
            }

            packets.Add(ReadOne(input, ref position));
        }

        return packets.Count > 0 ? packets : throw Malformed("no OpenPGP packets found");
    }

    private static Packet ReadOne(ReadOnlyMemory<byte> input, ref int position)
    {
        var span = input.Span;
        var header = span[position++];
        if ((header & 0x80) == 0)
        {
            throw Malformed("not OpenPGP data (invalid packet header)");
        }

        if ((header & 0x40) == 0)
        {
            return ReadOldFormat(input, header, ref position);
        }

        var tag = header & 0x3F;
        var chunk = ReadNewLength(span, ref position, out var partial);
        if (!partial)
        {
            return new Packet(CheckTag(tag), Take(input, ref position, chunk));
        }

        // Partial body lengths: only data packets may use them; the chunks are joined into one body.
        var body = new List<byte>();
        while (partial)
        {
            body.AddRange(Take(input, ref position, chunk).Span);
            chunk = ReadNewLength(span, ref position, out partial);
        }

        body.AddRange(Take(input, ref position, chunk).Span);
        return new Packet(CheckTag(tag), body.ToArray());
    }

    private static Packet ReadOldFormat(ReadOnlyMemory<byte> input, byte header, ref int position)
    {
        var span = input.Span;
        var tag = (header >> 2) & 0x0F;
        var lengthType = header & 0x03;
        if (lengthType == 3)
        {
            // Indeterminate length: the packet runs to the end of the input.
            var rest = input.Length - position;
            return new Packet(CheckTag(tag), Take(input, ref position, rest));
        }

        var lengthBytes = 1 << lengthType;
        Require(span, position, lengthBytes);
        var length = lengthType switch
        {
            0 => span[position],
            1 => BinaryPrimitives.ReadUInt16BigEndian(span[position..]),
            _ => ToLength(BinaryPrimitives.ReadUInt32BigEndian(span[position..])),
        };
        position += lengthBytes;
        return new Packet(CheckTag(tag), Take(input, ref position, length));
    }

    private static int ReadNewLength(ReadOnlySpan<byte> span, ref int position, out bool partial)
    {
        Require(span, position, 1);
        var first = span[position++];
        partial = false;
        switch (first)
        {
            case < 192:
                return first;
            case < 224:
                Require(span, position, 1);
                return ((first - 192) << 8) + span[position++] + 192;
            case 255:
                Require(span, position, 4);
                var length = ToLength(BinaryPrimitives.ReadUInt32BigEndian(span[position..]));
                position += 4;
                return length;
            default:
                partial = true;
                return 1 << (first & 0x1F);
        }
    }

    private static ReadOnlyMemory<byte> Take(ReadOnlyMemory<byte> input, ref int position, int length)
    {
        if (length > input.Length - position)
        {
            throw Malformed("truncated packet (length header exceeds the data)");
        }

        var body = input.Slice(position, length);
        position += length;
        return body;
    }

    private static int ToLength(uint length) =>
        length <= int.MaxValue ? (int)length : throw Malformed("truncated packet (length header exceeds the data)");

    private static void Require(ReadOnlySpan<byte> span, int position, int count)
    {
        if (span.Length - position < count)
        {
            throw Malformed("truncated packet header");
        }
    }

    private static int CheckTag(int tag) => tag != 0 ? tag : throw Malformed("packet with reserved tag 0");

    private static OpenPgpException Malformed(string message) => new(OpenPgpErrorKind.MalformedInput, message);
}
