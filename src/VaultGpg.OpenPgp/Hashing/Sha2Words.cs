using System.Buffers.Binary;

namespace VaultGpg.OpenPgp.Hashing;

/// <summary>Chaining values as big-endian bytes, 4 or 8 bytes a word, as digests and the state encoding write them.</summary>
internal static class Sha2Words
{
    public static void WriteBigEndian(IReadOnlyList<ulong> words, int wordSize, Span<byte> destination)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (wordSize == 4)
            {
                BinaryPrimitives.WriteUInt32BigEndian(destination[(4 * i)..], (uint)words[i]);
            }
            else
            {
                BinaryPrimitives.WriteUInt64BigEndian(destination[(8 * i)..], words[i]);
            }
        }
    }

    public static ulong[] ReadBigEndian(ReadOnlySpan<byte> source, int wordSize)
    {
        var words = new ulong[8];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = wordSize == 4
                ? BinaryPrimitives.ReadUInt32BigEndian(source[(4 * i)..])
                : BinaryPrimitives.ReadUInt64BigEndian(source[(8 * i)..]);
        }

        return words;
    }
}
