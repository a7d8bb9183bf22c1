using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Decryption;

/// <summary>
/// Recovers the session key from a version 3 public-key encrypted session key packet (RFC 4880 §5.1) with RSA or
/// ECDH (RFC 6637: Curve25519 as GnuPG writes it, and the NIST curves). Failures to decrypt are reported as "no key"
/// (null) without detail, so the result cannot serve as a padding oracle.
/// </summary>
internal static class SessionKeyDecryptor
{
    /// <summary>Key ID the packet names (0 for an anonymous recipient).</summary>
    public static ulong RecipientKeyId(ReadOnlySpan<byte> body)
    {
        if (body.Length < 10)
        {
            throw Malformed();
        }

        return body[0] == 3
            ? BinaryPrimitives.ReadUInt64BigEndian(body[1..])
            : throw new OpenPgpException(OpenPgpErrorKind.Unsupported, $"version {body[0]} encrypted session keys are not supported");
    }

    public static SessionKey? TryDecrypt(ReadOnlySpan<byte> body, DecryptionKey key)
    {
        var algorithm = body[9];
        var fields = body[10..];
        if (algorithm != (byte)key.PublicKey.Algorithm)
        {
            return null;
        }

        return algorithm switch
        {
            PublicKeyAlgorithmId.RsaGeneral or PublicKeyAlgorithmId.RsaEncryptOnly => DecryptRsa(fields, key),
            PublicKeyAlgorithmId.Ecdh => DecryptEcdh(fields, key),
            _ => throw new OpenPgpException(OpenPgpErrorKind.Unsupported, $"session keys encrypted with public-key algorithm {algorithm} are not supported"),
        };
    }

    private static SessionKey? DecryptRsa(ReadOnlySpan<byte> fields, DecryptionKey key)
    {
        var encrypted = Mpi.Read(fields, out _);
        var engine = new Pkcs1Encoding(new RsaBlindedEngine());
        engine.Init(false, key.PrivateKey.Key);
        try
        {
            return SessionKey.FromBlock(engine.ProcessBlock(encrypted, 0, encrypted.Length));
        }
        catch (Exception ex) when (ex is InvalidCipherTextException or DataLengthException)
        {
            return null;
        }
    }

    private static SessionKey? DecryptEcdh(ReadOnlySpan<byte> fields, DecryptionKey key)
    {
        var ephemeral = Mpi.Read(fields, out var consumed);
        fields = fields[consumed..];
        if (fields.IsEmpty || fields.Length != 1 + fields[0])
        {
            throw Malformed();
        }

        var wrapped = fields[1..].ToArray();
        var sharedSecret = SharedSecret(ephemeral, key);
        if (sharedSecret is null)
        {
            return null;
        }

        var publicKeyPacket = key.PublicKey.PublicKeyPacket;
        var parameters = (ECDHPublicBcpgKey)publicKeyPacket.Key;
        var kek = DeriveKek(parameters, sharedSecret, Rfc6637Utilities.CreateUserKeyingMaterial(publicKeyPacket));
        CryptographicOperations.ZeroMemory(sharedSecret);
        var unwrap = new AesWrapEngine();
        unwrap.Init(false, new KeyParameter(kek));
        byte[] padded;
        try
        {
            padded = unwrap.Unwrap(wrapped, 0, wrapped.Length);
        }
        catch (InvalidCipherTextException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }

        // RFC 6637 §8: the session-key block is padded PKCS#5-style to a multiple of 8 bytes.
        var padding = padded.Length == 0 ? 0 : padded[^1];
        if (padding is 0 or > 8 || padding > padded.Length || padded.AsSpan(padded.Length - padding).ContainsAnyExcept((byte)padding))
        {
            return null;
        }

        return SessionKey.FromBlock(padded.AsSpan(0, padded.Length - padding));
    }

    private static byte[]? SharedSecret(byte[] ephemeral, DecryptionKey key)
    {
        switch (key.PrivateKey.Key)
        {
            case X25519PrivateKeyParameters x25519:
                // GnuPG prefixes the native 32-byte Curve25519 point with 0x40.
                if (ephemeral.Length != 33 || ephemeral[0] != 0x40)
                {
                    throw Malformed();
                }

                var secret = new byte[32];
                x25519.GenerateSecret(new X25519PublicKeyParameters(ephemeral, 1), secret, 0);
                return secret;
            case ECPrivateKeyParameters ec:
                Org.BouncyCastle.Math.EC.ECPoint point;
                try
                {
                    point = ec.Parameters.Curve.DecodePoint(ephemeral);
                }
                catch (ArgumentException ex)
                {
                    throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "invalid ephemeral point in encrypted session key", ex);
                }

                var agreement = new ECDHBasicAgreement();
                agreement.Init(ec);
                var z = agreement.CalculateAgreement(new ECPublicKeyParameters(point, ec.Parameters));
                return Mpi.PadLeft(z.ToByteArrayUnsigned(), (ec.Parameters.Curve.FieldSize + 7) / 8);
            default:
                throw new OpenPgpException(OpenPgpErrorKind.Unsupported, "this ECDH key type is not supported");
        }
    }

    /// <summary>RFC 6637 §7: KEK = leftmost bytes of Hash(00 00 00 01 || Z || Param).</summary>
    private static byte[] DeriveKek(ECDHPublicBcpgKey parameters, byte[] sharedSecret, byte[] userKeyingMaterial)
    {
        var hash = (HashAlgorithm)parameters.HashAlgorithm;
        if (!Sha2Family.IsDefined(hash))
        {
            throw new OpenPgpException(OpenPgpErrorKind.Unsupported, "the ECDH key uses an unsupported KDF hash");
        }

        var kekSize = parameters.SymmetricKeyAlgorithm switch
        {
            SymmetricKeyAlgorithmTag.Aes128 => 16,
            SymmetricKeyAlgorithmTag.Aes192 => 24,
            SymmetricKeyAlgorithmTag.Aes256 => 32,
            _ => throw new OpenPgpException(OpenPgpErrorKind.Unsupported, "the ECDH key uses an unsupported key-wrap cipher"),
        };
        var core = Sha2Cores.Create(Sha2Cores.InitialState(hash));
        core.Append([0, 0, 0, 1]);
        core.Append(sharedSecret);
        core.Append(userKeyingMaterial);
        var digest = new byte[Sha2Family.DigestSize(hash)];
        core.Finish(digest);
        var kek = digest[..kekSize];
        CryptographicOperations.ZeroMemory(digest);
        return kek;
    }

    private static OpenPgpException Malformed() => new(OpenPgpErrorKind.MalformedInput, "malformed encrypted session key packet");
}
