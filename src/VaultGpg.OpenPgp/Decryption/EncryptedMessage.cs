using System.Security.Cryptography;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;

namespace VaultGpg.OpenPgp.Decryption;

/// <summary>
/// The outer layer of an encrypted message: finds a session key for one of our decryption keys and decrypts the
/// integrity-protected (SEIPD v1) packet, checking the MDC before any decrypted byte is interpreted. Messages
/// without integrity protection are refused, never decrypted.
/// </summary>
internal static class EncryptedMessage
{
    private const string MessageLabel = "PGP MESSAGE";
    private const int MdcLength = 22;

    /// <summary>Returns the session key and the decrypted, integrity-checked inner packets.</summary>
    public static (SessionKey SessionKey, byte[] Inner) Open(IReadOnlyList<DecryptionKey> keys, ReadOnlySpan<byte> message)
    {
        var (sessionKeyPackets, encrypted) = Parse(message);
        if (encrypted is null)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the data is not an encrypted OpenPGP message");
        }

        return Decrypt(keys, sessionKeyPackets, encrypted.Value);
    }

    /// <summary>
    /// The session key only. A message cut right after its encrypted session key packets (no encrypted data) is
    /// enough, as for the Go plugin: the key is then recovered from the first packet our key decrypts (the packet's
    /// own checksum or key wrap tells a wrong key). With the encrypted data present, it must also decrypt and pass
    /// its integrity check.
    /// </summary>
    public static SessionKey ReadSessionKey(IReadOnlyList<DecryptionKey> keys, ReadOnlySpan<byte> message)
    {
        var (sessionKeyPackets, encrypted) = Parse(message);
        if (encrypted is not null)
        {
            return Decrypt(keys, sessionKeyPackets, encrypted.Value).SessionKey;
        }

        if (sessionKeyPackets.Count == 0)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the data is not an encrypted OpenPGP message");
        }

        RequireKeys(keys);
        var addressedToUs = false;
        foreach (var (body, key) in Candidates(keys, sessionKeyPackets))
        {
            addressedToUs = true;
            if (SessionKeyDecryptor.TryDecrypt(body.Span, key) is { } sessionKey)
            {
                return sessionKey;
            }
        }

        throw NotDecrypted(addressedToUs);
    }

    private static (List<ReadOnlyMemory<byte>> SessionKeyPackets, ReadOnlyMemory<byte>? Encrypted) Parse(ReadOnlySpan<byte> message)
    {
        var packets = PacketReader.ReadAll(ArmorReader.ReadBinaryOrArmored(message, MessageLabel));
        var sessionKeyPackets = new List<ReadOnlyMemory<byte>>();
        ReadOnlyMemory<byte>? encrypted = null;
        foreach (var packet in packets)
        {
            if (encrypted is not null)
            {
                throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "unexpected data after the encrypted packet");
            }

            switch (packet.Tag)
            {
                case PacketTag.PublicKeyEncryptedSessionKey:
                    sessionKeyPackets.Add(packet.Body);
                    break;
                case PacketTag.SymmetricKeyEncryptedSessionKey or PacketTag.Marker or PacketTag.Padding:
                    break;
                case PacketTag.SymmetricallyEncryptedIntegrityProtectedData:
                    encrypted = packet.Body;
                    break;
                case PacketTag.SymmetricallyEncryptedData:
                    throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the message has no integrity protection (no MDC); refusing to decrypt it");
                case PacketTag.AeadEncryptedData:
                    throw new OpenPgpException(OpenPgpErrorKind.Unsupported, "AEAD-encrypted messages are not supported");
                default:
                    throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the data is not an encrypted OpenPGP message");
            }
        }

        return (sessionKeyPackets, encrypted);
    }

    private static (SessionKey SessionKey, byte[] Inner) Decrypt(
        IReadOnlyList<DecryptionKey> keys, List<ReadOnlyMemory<byte>> sessionKeyPackets, ReadOnlyMemory<byte> encrypted)
    {
        RequireKeys(keys);
        var addressedToUs = false;
        foreach (var (body, key) in Candidates(keys, sessionKeyPackets))
        {
            addressedToUs = true;
            var sessionKey = SessionKeyDecryptor.TryDecrypt(body.Span, key);
            var inner = sessionKey is null ? null : TryDecryptData(sessionKey, encrypted.Span);
            if (inner is not null)
            {
                return (sessionKey!, inner);
            }
        }

        throw NotDecrypted(addressedToUs);
    }

    private static void RequireKeys(IReadOnlyList<DecryptionKey> keys)
    {
        if (keys.Count == 0)
        {
            throw new OpenPgpException(OpenPgpErrorKind.CannotDecrypt, "the key has no decryption key");
        }
    }

    /// <summary>Each session key packet with each of our keys it may be addressed to (all of them for a hidden recipient).</summary>
    private static IEnumerable<(ReadOnlyMemory<byte> Body, DecryptionKey Key)> Candidates(IReadOnlyList<DecryptionKey> keys, List<ReadOnlyMemory<byte>> sessionKeyPackets) =>
        from body in sessionKeyPackets
        let recipient = SessionKeyDecryptor.RecipientKeyId(body.Span)
        from key in keys
        where recipient == 0 || (ulong)key.PublicKey.KeyId == recipient
        select (body, key);

    private static OpenPgpException NotDecrypted(bool addressedToUs) => new(
        OpenPgpErrorKind.CannotDecrypt,
        addressedToUs ? "the session key could not be decrypted with this key" : "the message is not encrypted to this key");

    /// <summary>Null when the quick check shows a wrong session key; throws when the MDC shows tampering.</summary>
    private static byte[]? TryDecryptData(SessionKey sessionKey, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body[0] != 1)
        {
            throw body.IsEmpty
                ? new OpenPgpException(OpenPgpErrorKind.MalformedInput, "empty encrypted data packet")
                : new OpenPgpException(OpenPgpErrorKind.Unsupported, $"version {body[0]} encrypted data packets are not supported");
        }

        var blockSize = SymmetricCipher.BlockSize(sessionKey.Algorithm);
        if (body.Length - 1 < blockSize + 2 + MdcLength)
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "truncated encrypted data packet");
        }

        var plain = SymmetricCipher.DecryptCfb(sessionKey.Algorithm, sessionKey.Key, body[1..]);
        if (plain[blockSize - 2] != plain[blockSize] || plain[blockSize - 1] != plain[blockSize + 1])
        {
            return null;
        }

        // Modification detection code (RFC 4880 §5.14): SHA-1 over everything before it, including its own header.
        var mdcAt = plain.Length - MdcLength;
#pragma warning disable CA5350 // SHA-1 is what the MDC is defined with; it is checked here, never chosen.
        var expected = SHA1.HashData(plain.AsSpan(0, mdcAt + 2));
#pragma warning restore CA5350
        if (plain[mdcAt] != 0xD3 || plain[mdcAt + 1] != 0x14 || !CryptographicOperations.FixedTimeEquals(expected, plain.AsSpan(mdcAt + 2)))
        {
            throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "the message was modified: its integrity check (MDC) failed");
        }

        return plain[(blockSize + 2)..mdcAt];
    }
}
