using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Removes passphrase protection from a ring (once, at import) and unlocks the private keys. Error messages never
/// include the passphrase or key material, and underlying exceptions are not attached to passphrase failures.
/// </summary>
internal static class SecretKeyUnlocker
{
    /// <summary>
    /// The ring with every secret part unprotected (S2K usage 0, 16-bit checksum), and the key IDs that were protected.
    /// The passphrase is encoded as UTF-8, as GnuPG does.
    /// </summary>
    public static (PgpSecretKeyRing Ring, HashSet<long> WereProtected) Unprotect(PgpSecretKeyRing ring, string? passphrase)
    {
        var protectedKeys = ring.GetSecretKeys().Where(k => !IsStub(k) && IsProtected(k)).Select(k => k.KeyId).ToHashSet();
        if (protectedKeys.Count == 0)
        {
            return (ring, protectedKeys);
        }

        if (passphrase is null)
        {
            throw new OpenPgpException(OpenPgpErrorKind.WrongPassphrase, "the key is protected by a passphrase and none was given");
        }

        var raw = Encoding.UTF8.GetBytes(passphrase);
        try
        {
            return (SecretKeyPackets.Rewrite(ring, (_, packet) => UnprotectPacket(packet, raw)), protectedKeys);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>The private keys of an unprotected ring by key ID; gpg's offline stubs are absent.</summary>
    public static Dictionary<long, PgpPrivateKey> Unlock(PgpSecretKeyRing unprotectedRing, IReadOnlySet<long> wereProtected, bool checkConsistency)
    {
        var unlocked = new Dictionary<long, PgpPrivateKey>();
        foreach (var secretKey in unprotectedRing.GetSecretKeys())
        {
            if (IsStub(secretKey))
            {
                continue;
            }

            // After decryption, garbage can only come from a wrong passphrase that passed the 16-bit checksum of old
            // protection (1 in 65536), or from damaged data.
            var damaged = wereProtected.Contains(secretKey.KeyId)
                ? WrongPassphrase()
                : new OpenPgpException(OpenPgpErrorKind.MalformedInput, $"secret key {KeyFacts.KeyId(secretKey.KeyId)} is malformed or does not match its public key");
            PgpPrivateKey? privateKey;
            try
            {
                privateKey = secretKey.ExtractPrivateKeyRaw([]);
            }
            catch (Exception ex) when (ParserFailure.IsParserFailure(ex))
            {
                throw damaged;
            }

            if (privateKey is null || (checkConsistency && !KeyConsistency.Matches(secretKey.PublicKey, privateKey)))
            {
                throw damaged;
            }

            unlocked[secretKey.KeyId] = privateKey;
        }

        return unlocked;
    }

    /// <summary>True for gpg's "GNU dummy" S2K (secret part offline or on a card) and empty secret parts.</summary>
    public static bool IsStub(PgpSecretKey key) =>
        key.IsPrivateKeyEmpty || key.S2k is { Type: S2k.GnuDummyS2K };

    private static bool IsProtected(PgpSecretKey key) => key.S2kUsage != SecretKeyPacket.UsageNone;

    private static SecretKeyPacket UnprotectPacket(SecretKeyPacket packet, byte[] rawPassphrase)
    {
        if (packet.S2kUsage == SecretKeyPacket.UsageNone)
        {
            return packet;
        }

        if (packet.PublicKeyPacket.Version != 4)
        {
            throw new OpenPgpException(OpenPgpErrorKind.Unsupported, "only version 4 secret keys can be unlocked");
        }

        if (packet.S2kUsage == SecretKeyPacket.UsageAead || packet.S2k is { Type: S2k.Argon2 })
        {
            throw new OpenPgpException(OpenPgpErrorKind.Unsupported, "the key is protected with AEAD or Argon2, which GnuPG 2.2 does not write and this library does not read");
        }

        byte[] plain;
        byte[]? key = null;
        try
        {
            key = S2kKeyDerivation.DeriveKey(packet.S2k, packet.EncAlgorithm, rawPassphrase);
            var cipher = CipherUtilities.GetCipher(PgpUtilities.GetSymmetricCipherName(packet.EncAlgorithm) + "/CFB/NoPadding");
            cipher.Init(forEncryption: false, new ParametersWithIV(new KeyParameter(key), packet.GetIV()));
            plain = cipher.DoFinal(packet.GetSecretKeyData());
        }
        catch (Exception ex) when (ParserFailure.IsParserFailure(ex))
        {
            throw new OpenPgpException(OpenPgpErrorKind.Unsupported, $"the key's protection (cipher {(int)packet.EncAlgorithm}) is not supported");
        }
        finally
        {
            if (key is not null)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        try
        {
            var mpis = Verified(plain, packet.S2kUsage == SecretKeyPacket.UsageSha1);
            var data = new byte[mpis.Length + 2];
            mpis.CopyTo(data);
            var checksum = SecretKeyPackets.Checksum16(mpis);
            data[^2] = (byte)(checksum >> 8);
            data[^1] = (byte)checksum;
            return SecretKeyPackets.WithSecretData(packet, SymmetricKeyAlgorithmTag.Null, SecretKeyPacket.UsageNone, null, null, data);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The MPIs of decrypted secret data after checking its SHA-1 (usage 254) or 16-bit checksum (usage 255).</summary>
    private static ReadOnlySpan<byte> Verified(byte[] plain, bool sha1)
    {
        var checkLength = sha1 ? SHA1.HashSizeInBytes : 2;
        if (plain.Length <= checkLength)
        {
            throw WrongPassphrase();
        }

        var mpis = plain.AsSpan(0, plain.Length - checkLength);
        var check = plain.AsSpan(plain.Length - checkLength);
        bool ok;
        if (sha1)
        {
            Span<byte> digest = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // SHA-1 is the integrity check RFC 4880 prescribes for S2K usage 254.
            SHA1.HashData(mpis, digest);
#pragma warning restore CA5350
            ok = CryptographicOperations.FixedTimeEquals(digest, check);
        }
        else
        {
            var sum = SecretKeyPackets.Checksum16(mpis);
            ok = check[0] == (byte)(sum >> 8) && check[1] == (byte)sum;
        }

        return ok ? mpis : throw WrongPassphrase();
    }

    private static OpenPgpException WrongPassphrase() =>
        new(OpenPgpErrorKind.WrongPassphrase, "the passphrase does not unlock the secret key");
}
