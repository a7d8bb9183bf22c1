using System.Buffers.Binary;

namespace VaultGpg.Cli.Signing;

/// <summary>
/// The few fields of an OpenPGP signature packet that gpg's SIG_CREATED status line reports (RFC 4880 §5.2.3):
/// class, public-key and hash algorithm ids, creation time. Read from the signature Vault returned, not assumed.
/// </summary>
internal sealed record SignaturePacketFacts(int SignatureClass, int PublicKeyAlgorithm, int HashAlgorithm, long CreatedUnixSeconds)
{
    private const int SignatureTag = 2;
    private const int CreationTimeSubpacket = 2;

    public static SignaturePacketFacts Parse(ReadOnlySpan<byte> packet)
    {
        var body = PacketBody(packet);
        if (body.Length < 6 || body[0] != 4)
        {
            throw new FormatException("not a version 4 signature packet");
        }

        var hashedLength = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
        if (body.Length < 6 + hashedLength)
        {
            throw new FormatException("signature packet truncated");
        }

        var created = FindCreationTime(body.Slice(6, hashedLength))
            ?? throw new FormatException("signature has no creation time");
        return new SignaturePacketFacts(body[1], body[2], body[3], created);
    }

    private static ReadOnlySpan<byte> PacketBody(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 2 || (packet[0] & 0x80) == 0)
        {
            throw new FormatException("not an OpenPGP packet");
        }

        int tag;
        int headerLength;
        long bodyLength;
        if ((packet[0] & 0x40) != 0)
        {
            tag = packet[0] & 0x3f;
            (bodyLength, headerLength) = NewFormatLength(packet[1..]);
            headerLength++;
        }
        else
        {
            tag = (packet[0] >> 2) & 0x0f;
            (bodyLength, headerLength) = (packet[0] & 3) switch
            {
                0 => (packet[1], 2),
                1 when packet.Length >= 3 => (BinaryPrimitives.ReadUInt16BigEndian(packet[1..]), 3),
                2 when packet.Length >= 5 => ((long)BinaryPrimitives.ReadUInt32BigEndian(packet[1..]), 5),
                _ => throw new FormatException("unsupported packet length"),
            };
        }

        if (tag != SignatureTag)
        {
            throw new FormatException($"packet tag {tag} is not a signature");
        }

        if (packet.Length - headerLength < bodyLength)
        {
            throw new FormatException("signature packet truncated");
        }

        return packet.Slice(headerLength, (int)bodyLength);
    }

    /// <summary>A new-format (and subpacket) length: 1, 2 or 5 octets. Returns the length and octets used.</summary>
    private static (long Length, int Octets) NewFormatLength(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new FormatException("length missing");
        }

        return data[0] switch
        {
            < 192 => (data[0], 1),
            < 224 when data.Length >= 2 => (((data[0] - 192) << 8) + data[1] + 192, 2),
            255 when data.Length >= 5 => (BinaryPrimitives.ReadUInt32BigEndian(data[1..]), 5),
            _ => throw new FormatException("unsupported length encoding"),
        };
    }

    private static long? FindCreationTime(ReadOnlySpan<byte> subpackets)
    {
        while (!subpackets.IsEmpty)
        {
            var (length, octets) = NewFormatLength(subpackets);
            if (length < 1 || subpackets.Length < octets + length)
            {
                throw new FormatException("signature subpacket truncated");
            }

            var content = subpackets.Slice(octets, (int)length);
            if ((content[0] & 0x7f) == CreationTimeSubpacket && content.Length >= 5)
            {
                return BinaryPrimitives.ReadUInt32BigEndian(content[1..]);
            }

            subpackets = subpackets[(octets + (int)length)..];
        }

        return null;
    }
}
