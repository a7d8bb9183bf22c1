using System.IO.Compression;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;

namespace VaultGpg.TestSupport;

/// <summary>
/// Compression bombs, encrypted to a real key the way gpg encrypts (SEIPD with MDC), built in milliseconds: the deflate
/// stream of many zero bytes is one flushed block repeated, not a real compression of gigabytes.
/// </summary>
public static class HostileMessages
{
    private const int Mebibyte = 1 << 20;

    /// <summary>A raw deflate stream (RFC 1951) that inflates to <paramref name="prefix"/> and then
    /// <paramref name="mebibytes"/> MiB of zero bytes, about 1 KiB per MiB.</summary>
    public static byte[] DeflatedZeros(long mebibytes, ReadOnlySpan<byte> prefix = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mebibytes, 3);
        var zeros = new byte[Mebibyte];
        using var output = new MemoryStream();
        long first, second, third;
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(prefix);
            deflate.Write(zeros);
            deflate.Flush();
            first = output.Length;
            deflate.Write(zeros);
            deflate.Flush();
            second = output.Length;
            deflate.Write(zeros);
            deflate.Flush();
            third = output.Length;
        }

        // Once the window is all zeros, each flushed MiB compresses to the same bytes, which decode the same after
        // any number of zeros: repeating it adds one MiB of output per copy.
        var bytes = output.ToArray();
        if (first == 0 || second == first)
        {
            throw new InvalidOperationException("DeflateStream.Flush did not flush; build the bomb another way");
        }

        var block = bytes.AsSpan((int)first, (int)(second - first));
        if (!block.SequenceEqual(bytes.AsSpan((int)second, (int)(third - second))))
        {
            throw new InvalidOperationException("the deflate encoder does not repeat its flushed blocks; build the bomb another way");
        }

        using var bomb = new MemoryStream();
        bomb.Write(bytes, 0, (int)first);
        for (long i = 1; i < mebibytes - 1; i++)
        {
            bomb.Write(block);
        }

        bomb.Write(bytes.AsSpan((int)second));
        return bomb.ToArray();
    }

    /// <summary>Raw deflate of <paramref name="data"/>, for the outer layer of a nested bomb.</summary>
    public static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>A compressed literal data packet of <paramref name="mebibytes"/> MiB of zeros, one compression layer.
    /// The literal has an old-format indeterminate length (it runs to the end of the data), as sizes past 4 GiB
    /// need.</summary>
    public static byte[] Bomb(long mebibytes) =>
        OpenPgpPackets.Compressed(DeflatedZeros(mebibytes, [0xAF, (byte)'b', 4, .. "bomb"u8, 0, 0, 0, 0]));

    /// <summary>The bomb of <paramref name="mebibytes"/> MiB compressed once more (two nested layers).</summary>
    public static byte[] NestedBomb(long mebibytes) =>
        OpenPgpPackets.Compressed(Deflate(Bomb(mebibytes)));

    /// <summary>
    /// <paramref name="innerPackets"/> encrypted to the first encryption-capable subkey (else the primary) of a public
    /// or secret key block (binary or armored), integrity-protected with AES-256, as gpg encrypts. Binary output.
    /// </summary>
    public static byte[] EncryptTo(byte[] keyBlock, byte[] innerPackets)
    {
        var recipient = EncryptionKeyOf(keyBlock);
        var generator = new PgpEncryptedDataGenerator(SymmetricKeyAlgorithmTag.Aes256, withIntegrityPacket: true, new SecureRandom());
        generator.AddMethod(recipient);
        using var output = new MemoryStream();
        using (var encrypted = generator.Open(output, new byte[1 << 16]))
        {
            encrypted.Write(innerPackets);
        }

        return output.ToArray();
    }

    private static PgpPublicKey EncryptionKeyOf(byte[] keyBlock)
    {
        var factory = new PgpObjectFactory(PgpUtilities.GetDecoderStream(new MemoryStream(keyBlock)));
        var keys = factory.NextPgpObject() switch
        {
            PgpPublicKeyRing ring => ring.GetPublicKeys().ToList(),
            PgpSecretKeyRing ring => ring.GetPublicKeys().ToList(),
            _ => throw new ArgumentException("not a key block", nameof(keyBlock)),
        };
        return keys.Skip(1).FirstOrDefault(k => k.IsEncryptionKey) ?? keys[0];
    }
}
