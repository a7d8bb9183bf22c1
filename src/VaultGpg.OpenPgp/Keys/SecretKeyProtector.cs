using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Protects the secret parts of an unprotected ring for export the way GnuPG 2.2 does: S2K usage 254 (SHA-1
/// integrity check), AES-256 in CFB mode, iterated+salted S2K, here with SHA-256. BouncyCastle's own re-protection
/// only offers SHA-1 S2K with a 16-bit checksum, so the secret key packets are rebuilt here.
/// </summary>
internal static class SecretKeyProtector
{
    /// <summary>Coded S2K count 0xE0: 16,777,216 bytes hashed, several times GnuPG's historic default of 65,536.</summary>
    internal const byte CodedIterationCount = 0xE0;

    public static byte[] Protect(PgpSecretKeyRing ring, string passphrase)
    {
        var rawPassphrase = Encoding.UTF8.GetBytes(passphrase);
        try
        {
            using var output = new MemoryStream();
            foreach (var secretKey in ring.GetSecretKeys())
            {
                var encoded = secretKey.GetEncoded();
                if (SecretKeyUnlocker.IsStub(secretKey))
                {
                    output.Write(encoded);
                    continue;
                }

                var packet = (SecretKeyPacket)new BcpgInputStream(new MemoryStream(encoded, writable: false)).ReadPacket();
                var original = packet.GetEncoded();
                if (packet.S2kUsage != SecretKeyPacket.UsageNone || !encoded.AsSpan().StartsWith(original))
                {
                    throw new InvalidOperationException("the stored secret key ring is not in the expected unprotected form");
                }

                output.Write(ProtectPacket(packet, rawPassphrase).GetEncoded());
                output.Write(encoded.AsSpan(original.Length));
            }

            foreach (var extra in ring.GetExtraPublicKeys())
            {
                extra.Encode(output, forTransfer: true);
            }

            return output.ToArray();
        }
        finally
        {
            Array.Clear(rawPassphrase);
        }
    }

    private static SecretKeyPacket ProtectPacket(SecretKeyPacket packet, byte[] rawPassphrase)
    {
        // Unprotected data is the key's MPIs followed by a 16-bit checksum; protected (usage 254) data is the MPIs
        // followed by their SHA-1, all encrypted.
        var secretData = packet.GetSecretKeyData();
        var mpis = secretData.AsSpan(0, secretData.Length - 2);
        var plain = new byte[mpis.Length + SHA1.HashSizeInBytes];
        mpis.CopyTo(plain);
#pragma warning disable CA5350 // SHA-1 here is the integrity check RFC 4880 prescribes for S2K usage 254, not a signature hash.
        SHA1.HashData(mpis, plain.AsSpan(mpis.Length));
#pragma warning restore CA5350

        var salt = RandomNumberGenerator.GetBytes(8);
        var s2k = new S2k(HashAlgorithmTag.Sha256, salt, CodedIterationCount);
        var key = DeriveKey(salt, rawPassphrase, s2k.IterationCount);
        var iv = RandomNumberGenerator.GetBytes(16);
        try
        {
            var cipher = CipherUtilities.GetCipher("AES/CFB/NoPadding");
            cipher.Init(forEncryption: true, new ParametersWithIV(new KeyParameter(key), iv));
            var encrypted = cipher.DoFinal(plain);
            return packet is SecretSubkeyPacket
                ? new SecretSubkeyPacket(packet.PublicKeyPacket, SymmetricKeyAlgorithmTag.Aes256, SecretKeyPacket.UsageSha1, s2k, iv, encrypted)
                : new SecretKeyPacket(packet.PublicKeyPacket, SymmetricKeyAlgorithmTag.Aes256, SecretKeyPacket.UsageSha1, s2k, iv, encrypted);
        }
        finally
        {
            Array.Clear(plain);
            Array.Clear(key);
        }
    }

    /// <summary>
    /// Iterated+salted S2K (RFC 4880 §3.7.1.3) with SHA-256 for a 32-byte key: hash salt‖passphrase repeated until
    /// <paramref name="count"/> bytes (at least one full copy). Computed with the platform SHA-256, which is an order of
    /// magnitude faster than a managed one for the millions of bytes a good count asks for.
    /// </summary>
    internal static byte[] DeriveKey(byte[] salt, byte[] rawPassphrase, long count)
    {
        var unit = new byte[salt.Length + rawPassphrase.Length];
        salt.CopyTo(unit, 0);
        rawPassphrase.CopyTo(unit, salt.Length);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var remaining = Math.Max(count, unit.Length);
            while (remaining >= unit.Length)
            {
                hash.AppendData(unit);
                remaining -= unit.Length;
            }

            if (remaining > 0)
            {
                hash.AppendData(unit, 0, (int)remaining);
            }

            return hash.GetHashAndReset();
        }
        finally
        {
            Array.Clear(unit);
        }
    }
}
