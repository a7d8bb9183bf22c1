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
            return SecretKeyPackets.Rewrite(ring, (_, packet) => ProtectPacket(packet, rawPassphrase)).GetEncoded();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rawPassphrase);
        }
    }

    private static SecretKeyPacket ProtectPacket(SecretKeyPacket packet, byte[] rawPassphrase)
    {
        if (packet.S2kUsage != SecretKeyPacket.UsageNone)
        {
            throw new InvalidOperationException("the stored secret key ring is not in the expected unprotected form");
        }

        // Unprotected data is the key's MPIs followed by a 16-bit checksum; protected (usage 254) data is the MPIs
        // followed by their SHA-1, all encrypted.
        var secretData = packet.GetSecretKeyData();
        var mpis = secretData.AsSpan(0, secretData.Length - 2);
        var plain = new byte[mpis.Length + SHA1.HashSizeInBytes];
        mpis.CopyTo(plain);
#pragma warning disable CA5350 // SHA-1 here is the integrity check RFC 4880 prescribes for S2K usage 254, not a signature hash.
        SHA1.HashData(mpis, plain.AsSpan(mpis.Length));
#pragma warning restore CA5350

        var s2k = new S2k(HashAlgorithmTag.Sha256, RandomNumberGenerator.GetBytes(8), CodedIterationCount);
        var key = S2kKeyDerivation.DeriveKey(s2k, SymmetricKeyAlgorithmTag.Aes256, rawPassphrase);
        var iv = RandomNumberGenerator.GetBytes(16);
        try
        {
            var cipher = CipherUtilities.GetCipher("AES/CFB/NoPadding");
            cipher.Init(forEncryption: true, new ParametersWithIV(new KeyParameter(key), iv));
            return SecretKeyPackets.WithSecretData(
                packet, SymmetricKeyAlgorithmTag.Aes256, SecretKeyPacket.UsageSha1, s2k, iv, cipher.DoFinal(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
