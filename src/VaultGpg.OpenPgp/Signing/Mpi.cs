using System.Buffers.Binary;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>OpenPGP multiprecision integers (RFC 4880 §3.2): a 2-byte bit count, then the big-endian magnitude.</summary>
internal static class Mpi
{
    /// <summary>Appends <paramref name="magnitude"/> (unsigned big-endian, leading zeros allowed) as an MPI.</summary>
    public static void Write(ReadOnlySpan<byte> magnitude, List<byte> output)
    {
        var start = 0;
        while (start < magnitude.Length && magnitude[start] == 0)
        {
            start++;
        }

        var trimmed = magnitude[start..];
        var bits = trimmed.IsEmpty ? 0 : ((trimmed.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)trimmed[0]));
        output.Add((byte)(bits >> 8));
        output.Add((byte)bits);
        output.AddRange(trimmed);
    }

    /// <summary>Reads one MPI from the start of <paramref name="source"/>; returns its magnitude and the bytes used.
    /// A bit count that runs past the input or whose top byte contradicts it is malformed input.</summary>
    public static byte[] Read(ReadOnlySpan<byte> source, out int consumed)
    {
        if (source.Length < 2)
        {
            throw Malformed();
        }

        var bits = BinaryPrimitives.ReadUInt16BigEndian(source);
        var length = (bits + 7) / 8;
        if (source.Length < 2 + length)
        {
            throw Malformed();
        }

        consumed = 2 + length;
        return source.Slice(2, length).ToArray();
    }

    /// <summary>Left-pads <paramref name="magnitude"/> with zeros to <paramref name="length"/> bytes (for fixed-size
    /// fields such as Ed25519's R and S); longer values are malformed.</summary>
    public static byte[] PadLeft(ReadOnlySpan<byte> magnitude, int length)
    {
        var start = 0;
        while (start < magnitude.Length && magnitude[start] == 0)
        {
            start++;
        }

        var trimmed = magnitude[start..];
        if (trimmed.Length > length)
        {
            throw Malformed();
        }

        var padded = new byte[length];
        trimmed.CopyTo(padded.AsSpan(length - trimmed.Length));
        return padded;
    }

    private static OpenPgpException Malformed() => new(OpenPgpErrorKind.MalformedInput, "truncated or oversized multiprecision integer");
}
