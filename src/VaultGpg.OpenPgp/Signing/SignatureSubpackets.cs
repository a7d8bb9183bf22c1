using System.Buffers.Binary;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>Builds the few signature subpackets we write and reads the ones verification needs (RFC 4880 §5.2.3).</summary>
internal static class SignatureSubpackets
{
    public const byte CreationTimeType = 2;
    public const byte ExpirationTimeType = 3;
    public const byte IssuerKeyIdType = 16;
    public const byte IssuerFingerprintType = 33;
    private const byte CriticalBit = 0x80;

    /// <summary>Hashed area as GnuPG 2.2 writes it: issuer fingerprint (v4), signature creation time, then the
    /// signature expiration time (seconds after creation) when there is one.</summary>
    public static byte[] Hashed(byte[] fingerprint, uint creationTime, uint? expiresAfterSeconds = null)
    {
        // length, type, key version, fingerprint; then length, type, four-byte time; then the same for the expiry.
        var area = new byte[1 + 1 + 1 + fingerprint.Length + 1 + 1 + 4 + (expiresAfterSeconds.HasValue ? 6 : 0)];
        area[0] = (byte)(2 + fingerprint.Length);
        area[1] = IssuerFingerprintType;
        area[2] = 4;
        fingerprint.CopyTo(area, 3);
        var at = 3 + fingerprint.Length;
        area[at] = 5;
        area[at + 1] = CreationTimeType;
        BinaryPrimitives.WriteUInt32BigEndian(area.AsSpan(at + 2), creationTime);
        if (expiresAfterSeconds is { } expires)
        {
            area[at + 6] = 5;
            area[at + 7] = ExpirationTimeType;
            BinaryPrimitives.WriteUInt32BigEndian(area.AsSpan(at + 8), expires);
        }

        return area;
    }

    /// <summary>Unhashed area: the issuer key ID, for verifiers that do not read the fingerprint subpacket.</summary>
    public static byte[] Unhashed(ulong keyId)
    {
        var area = new byte[10];
        area[0] = 9;
        area[1] = IssuerKeyIdType;
        BinaryPrimitives.WriteUInt64BigEndian(area.AsSpan(2), keyId);
        return area;
    }

    /// <summary>Walks a subpacket area; calls <paramref name="visit"/> with the type (critical bit cleared), the
    /// critical flag and the data. A length running past the area is malformed input.</summary>
    public static void Walk(ReadOnlySpan<byte> area, SubpacketVisitor visit)
    {
        while (!area.IsEmpty)
        {
            int length;
            int headerLength;
            var first = area[0];
            if (first < 192)
            {
                length = first;
                headerLength = 1;
            }
            else if (first < 255)
            {
                if (area.Length < 2)
                {
                    throw Malformed();
                }

                length = ((first - 192) << 8) + area[1] + 192;
                headerLength = 2;
            }
            else
            {
                if (area.Length < 5)
                {
                    throw Malformed();
                }

                var longLength = BinaryPrimitives.ReadUInt32BigEndian(area[1..]);
                if (longLength > int.MaxValue)
                {
                    throw Malformed();
                }

                length = (int)longLength;
                headerLength = 5;
            }

            if (length < 1 || area.Length - headerLength < length)
            {
                throw Malformed();
            }

            var body = area.Slice(headerLength, length);
            visit((byte)(body[0] & ~CriticalBit), (body[0] & CriticalBit) != 0, body[1..]);
            area = area[(headerLength + length)..];
        }
    }

    private static OpenPgpException Malformed() => new(OpenPgpErrorKind.MalformedInput, "malformed signature subpacket");
}
