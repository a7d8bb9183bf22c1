using System.Buffers.Binary;
using VaultGpg.OpenPgp.Verification;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// A version 4 signature packet body (RFC 4880 §5.2.3), kept as the raw areas so that the hashed trailer is exactly
/// the bytes that were signed: re-encoding parsed subpackets could change their length encoding and break verification.
/// </summary>
internal sealed record SignaturePacket(
    byte SignatureType,
    byte PublicKeyAlgorithm,
    byte HashAlgorithm,
    byte[] HashedSubpackets,
    byte[] UnhashedSubpackets,
    ushort Left16,
    byte[] SignatureData)
{
    public const byte Version = 4;

    /// <summary>Subpacket types that may be critical (RFC 4880 §5.2.3.1): exactly the ones GnuPG 2.2 accepts
    /// (parse-packet.c can_handle_critical). Notations (20) and key blocks (38) are decided by their content.</summary>
    private static readonly HashSet<byte> KnownCriticalSubpackets = [2, 3, 4, 5, 6, 7, 9, 11, 12, 16, 21, 22, 24, 25, 26, 27, 29, 30, 32, 33];

    /// <summary>The notation names GnuPG 2.2 knows by default; any other critical notation makes a signature bad.</summary>
    private static readonly byte[][] KnownCriticalNotations = ["preferred-email-encoding@pgp.com"u8.ToArray(), "pka-address@gnupg.org"u8.ToArray()];

    private const byte NotationType = 20;
    private const byte KeyBlockType = 38;

    /// <summary>Version through the hashed subpackets: the part of the packet the signature covers.</summary>
    public byte[] HashedPortion()
    {
        var portion = new byte[6 + HashedSubpackets.Length];
        portion[0] = Version;
        portion[1] = SignatureType;
        portion[2] = PublicKeyAlgorithm;
        portion[3] = HashAlgorithm;
        BinaryPrimitives.WriteUInt16BigEndian(portion.AsSpan(4), (ushort)HashedSubpackets.Length);
        HashedSubpackets.CopyTo(portion, 6);
        return portion;
    }

    /// <summary>What is hashed after the data: the hashed portion, then 0x04 0xFF and its length (§5.2.4).</summary>
    public byte[] Trailer()
    {
        var portion = HashedPortion();
        var trailer = new byte[portion.Length + 6];
        portion.CopyTo(trailer, 0);
        trailer[portion.Length] = Version;
        trailer[portion.Length + 1] = 0xFF;
        BinaryPrimitives.WriteUInt32BigEndian(trailer.AsSpan(portion.Length + 2), (uint)portion.Length);
        return trailer;
    }

    /// <summary>The complete packet: header and body.</summary>
    public byte[] Encode()
    {
        var portion = HashedPortion();
        var body = new byte[portion.Length + 2 + UnhashedSubpackets.Length + 2 + SignatureData.Length];
        var span = body.AsSpan();
        portion.CopyTo(span);
        var at = portion.Length;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)UnhashedSubpackets.Length);
        UnhashedSubpackets.CopyTo(span[(at + 2)..]);
        at += 2 + UnhashedSubpackets.Length;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], Left16);
        SignatureData.CopyTo(span[(at + 2)..]);
        return PacketWriter.Packet(PacketTag.Signature, body);
    }

    /// <summary>The signature packets of binary detached-signature data; any other packet is invalid input.</summary>
    public static List<SignaturePacket> ReadDetached(ReadOnlyMemory<byte> binary)
    {
        var packets = PacketReader.ReadAll(binary);
        if (packets.Exists(p => p.Tag != PacketTag.Signature))
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the data is not a detached signature (it contains other OpenPGP packets)");
        }

        return [.. packets.Select(p => Parse(p.Body.Span))];
    }

    /// <summary>Parses a signature packet body. Versions other than 4 are unsupported; anything that does not add up
    /// is malformed input.</summary>
    public static SignaturePacket Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw Malformed("empty signature packet");
        }

        if (body[0] != Version)
        {
            throw new OpenPgpException(OpenPgpErrorKind.Unsupported, $"version {body[0]} signatures are not supported");
        }

        if (body.Length < 6)
        {
            throw Malformed("truncated signature packet");
        }

        var hashedLength = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
        var at = 6 + hashedLength;
        if (body.Length < at + 2)
        {
            throw Malformed("truncated signature packet");
        }

        var unhashedLength = BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
        var unhashedAt = at + 2;
        var left16At = unhashedAt + unhashedLength;
        if (body.Length < left16At + 2)
        {
            throw Malformed("truncated signature packet");
        }

        var packet = new SignaturePacket(
            body[1],
            body[2],
            body[3],
            body.Slice(6, hashedLength).ToArray(),
            body.Slice(unhashedAt, unhashedLength).ToArray(),
            BinaryPrimitives.ReadUInt16BigEndian(body[left16At..]),
            body[(left16At + 2)..].ToArray());
        _ = packet.ReadFacts();
        return packet;
    }

    /// <summary>Creation and expiration time (hashed area only), issuer key ID and fingerprint (either area, hashed
    /// wins), and whether either area has a critical subpacket GnuPG does not understand.</summary>
    public SignatureFacts ReadFacts()
    {
        DateTimeOffset? created = null;
        uint? expiresAfter = null;
        ulong? keyId = null;
        byte[]? fingerprint = null;
        var unknownCritical = false;
        SignatureSubpackets.Walk(HashedSubpackets, (type, critical, data) =>
        {
            Read(type, data, hashed: true);
            unknownCritical |= critical && !CanHandleCritical(type, data);
        });
        SignatureSubpackets.Walk(UnhashedSubpackets, (type, critical, data) =>
        {
            Read(type, data, hashed: false);
            unknownCritical |= critical && !CanHandleCritical(type, data);
        });
        if (keyId is null && fingerprint is not null)
        {
            keyId = BinaryPrimitives.ReadUInt64BigEndian(fingerprint.AsSpan(fingerprint.Length - 8));
        }

        return new SignatureFacts(created, expiresAfter is > 0 ? expiresAfter : null, keyId, fingerprint, unknownCritical);

        void Read(byte type, ReadOnlySpan<byte> data, bool hashed)
        {
            switch (type)
            {
                case SignatureSubpackets.CreationTimeType when hashed && created is null:
                    created = data.Length == 4
                        ? DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(data))
                        : throw Malformed("malformed signature creation time");
                    break;
                case SignatureSubpackets.ExpirationTimeType when hashed && expiresAfter is null:
                    expiresAfter = data.Length == 4
                        ? BinaryPrimitives.ReadUInt32BigEndian(data)
                        : throw Malformed("malformed signature expiration time");
                    break;
                case SignatureSubpackets.IssuerKeyIdType when keyId is null:
                    keyId = data.Length == 8
                        ? BinaryPrimitives.ReadUInt64BigEndian(data)
                        : throw Malformed("malformed issuer key ID");
                    break;
                case SignatureSubpackets.IssuerFingerprintType when fingerprint is null && data.Length == 21 && data[0] == 4:
                    fingerprint = data[1..].ToArray();
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>A notation (flags, name length, value length, name, value) is understood only when GnuPG knows its name.</summary>
    private static bool CanHandleCritical(byte type, ReadOnlySpan<byte> data)
    {
        switch (type)
        {
            case NotationType:
                if (data.Length < 8)
                {
                    return false;
                }

                var nameLength = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
                if (data.Length - 8 < nameLength)
                {
                    return false;
                }

                var name = data.Slice(8, nameLength);
                foreach (var known in KnownCriticalNotations)
                {
                    if (name.SequenceEqual(known))
                    {
                        return true;
                    }
                }

                return false;
            case KeyBlockType:
                return !data.IsEmpty && data[0] == 0;
            default:
                return KnownCriticalSubpackets.Contains(type);
        }
    }

    private static OpenPgpException Malformed(string message) => new(OpenPgpErrorKind.MalformedInput, message);
}
