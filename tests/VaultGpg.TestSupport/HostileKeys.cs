using System.Buffers.Binary;
using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace VaultGpg.TestSupport;

/// <summary>Key blocks that cost a parser work out of proportion to their size, built from raw packets.</summary>
public static class HostileKeys
{
    private static readonly int[] SmallPrimes = [.. Enumerable.Range(3, 749).Where(IsPrime)];

    /// <summary>
    /// A public key block of <paramref name="keys"/> RSA keys (a primary with a user ID, the rest subkeys) of
    /// <paramref name="bits"/> bits each, without signatures. The moduli are random odd numbers without prime factors
    /// up to 751, so BouncyCastle's cheap checks pass and only its full composite test (seconds at 16384 bits) refuses
    /// nothing: a parser that runs it pays the whole price. Four RSA-16384 keys are about 8 KiB.
    /// </summary>
    public static byte[] RsaPublicKeyBlock(int bits, int keys)
    {
        var random = new SecureRandom();
        using var block = new MemoryStream();
        for (var i = 0; i < keys; i++)
        {
            var body = new List<byte> { 4 };
            var created = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(created, 1_735_689_600); // 2025-01-01
            body.AddRange(created);
            body.Add(1); // RSA
            body.AddRange(OpenPgpPackets.Mpi(Modulus(bits, random)));
            body.AddRange(OpenPgpPackets.Mpi([0x01, 0x00, 0x01]));
            block.Write(OpenPgpPackets.Packet(i == 0 ? 6 : 14, body.ToArray()));
            if (i == 0)
            {
                block.Write(OpenPgpPackets.Packet(13, "Large RSA <large@example.org>"u8));
            }
        }

        return block.ToArray();
    }

    /// <summary>A key block in ASCII armor, as <c>signer_key</c> and key import take it.</summary>
    public static string Armored(byte[] block)
    {
        using var output = new MemoryStream();
        using (var armor = new ArmoredOutputStream(output))
        {
            armor.Write(block);
        }

        return Encoding.ASCII.GetString(output.ToArray());
    }

    private static byte[] Modulus(int bits, SecureRandom random)
    {
        while (true)
        {
            var candidate = new BigInteger(bits, random).SetBit(bits - 1).SetBit(0);
            if (SmallPrimes.All(p => candidate.Mod(BigInteger.ValueOf(p)).SignValue != 0))
            {
                return candidate.ToByteArrayUnsigned();
            }
        }
    }

    private static bool IsPrime(int n) => Enumerable.Range(2, Math.Max(0, (int)Math.Sqrt(n) - 1)).All(d => n % d != 0);
}
