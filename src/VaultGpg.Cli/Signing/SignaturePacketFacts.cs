using System.Buffers.Binary;

namespace VaultGpg.Cli.Signing;

/// <summary>
/// The few fields of an OpenPGP signature packet that gpg's SIG_CREATED status line reports (RFC 4880 §5.2.3):
/// class, public-key and hash algorithm ids, creation time; and the issuer's key ID (subpacket 16, else the end of
/// an issuer fingerprint, 33), which rpmsign compares to tell an identical signature. Read from the signature Vault
/// returned, not assumed.
/// </summary>
internal sealed record SignaturePacketFacts(int SignatureClass, int PublicKeyAlgorithm, int HashAlgorithm, long CreatedUnixSeconds)
{
    private const int SignatureTag = 2;
    private const int CreationTimeSubpacket = 2;
    private const int IssuerSubpacket = 16;
    private const int IssuerFingerprintSubpacket = 33;

    /// <summary>The issuer's 64-bit key ID in upper-case hex, or null when the packet names none.</summary>
    public string? IssuerKeyId { get; init; }

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

        var hashed = body.Slice(6, hashedLength);
        var created = FindSubpacket(hashed, CreationTimeSubpacket, 4) is { } time
            ? BinaryPrimitives.ReadUInt32BigEndian(time)
            : throw new FormatException("signature has no creation time");
        var rest = body[(6 + hashedLength)..];
        var unhashed = rest.Length >= 2 ? rest[2..Math.Min(rest.Length, 2 + BinaryPrimitives.ReadUInt16BigEndian(rest))] : [];
        return new SignaturePacketFacts(body[1], body[2], body[3], created) { IssuerKeyId = IssuerOf(hashed) ?? IssuerOf(unhashed) };
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

    private static string? IssuerOf(ReadOnlySpan<byte> subpackets)
    {
        if (FindSubpacket(subpackets, IssuerSubpacket, 8) is { } keyId)
        {
            return Convert.ToHexString(keyId[..8]);
        }

        // Version byte then a v4 fingerprint (20 bytes): the key ID is its last 8.
        return FindSubpacket(subpackets, IssuerFingerprintSubpacket, 21) is { } fingerprint && fingerprint[0] == 4
            ? Convert.ToHexString(fingerprint[13..21])
            : null;
    }

    /// <summary>The content (after the type octet) of the first subpacket of <paramref name="type"/> with at least <paramref name="minimum"/> bytes.</summary>
    private static byte[]? FindSubpacket(ReadOnlySpan<byte> subpackets, int type, int minimum)
    {
        while (!subpackets.IsEmpty)
        {
            var (length, octets) = NewFormatLength(subpackets);
            if (length < 1 || subpackets.Length < octets + length)
            {
                throw new FormatException("signature subpacket truncated");
            }

            var content = subpackets.Slice(octets, (int)length);
            if ((content[0] & 0x7f) == type && content.Length > minimum)
            {
                return content[1..].ToArray();
            }

            subpackets = subpackets[(octets + (int)length)..];
        }

        return null;
    }
}
