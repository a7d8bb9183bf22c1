using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Rewrites the secret key packets of a ring (to protect or unprotect them) and keeps everything else byte for byte:
/// BouncyCastle offers no way to build a secret key from a new packet, so the ring is re-encoded with the first packet
/// of each key replaced, and parsed again.
/// </summary>
internal static class SecretKeyPackets
{
    public delegate SecretKeyPacket Rewriter(PgpSecretKey key, SecretKeyPacket packet);

    public static PgpSecretKeyRing Rewrite(PgpSecretKeyRing ring, Rewriter rewrite)
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
            if (!encoded.AsSpan().StartsWith(original))
            {
                throw new InvalidOperationException("a secret key did not re-encode to the same packet");
            }

            output.Write(rewrite(secretKey, packet).GetEncoded());
            output.Write(encoded.AsSpan(original.Length));
        }

        foreach (var extra in ring.GetExtraPublicKeys())
        {
            extra.Encode(output, forTransfer: true);
        }

        return new PgpSecretKeyRing(output.ToArray());
    }

    /// <summary>A packet of the same kind (primary or subkey) with other protection and secret data.</summary>
    public static SecretKeyPacket WithSecretData(
        SecretKeyPacket packet, SymmetricKeyAlgorithmTag cipher, int s2kUsage, S2k? s2k, byte[]? iv, byte[] secretData) =>
        packet is SecretSubkeyPacket
            ? new SecretSubkeyPacket(packet.PublicKeyPacket, cipher, s2kUsage, s2k, iv, secretData)
            : new SecretKeyPacket(packet.PublicKeyPacket, cipher, s2kUsage, s2k, iv, secretData);

    /// <summary>The 16-bit additive checksum of unprotected (and usage-255) secret key data.</summary>
    public static ushort Checksum16(ReadOnlySpan<byte> data)
    {
        var sum = 0;
        foreach (var b in data)
        {
            sum += b;
        }

        return (ushort)sum;
    }
}
