using System.Buffers.Binary;

namespace VaultGpg.TestSupport;

/// <summary>Raw OpenPGP packets (RFC 4880 §4.2) for inputs that no real tool writes.</summary>
public static class OpenPgpPackets
{
    /// <summary>A new-format packet with a five-byte length.</summary>
    public static byte[] Packet(int tag, ReadOnlySpan<byte> body)
    {
        var packet = new byte[6 + body.Length];
        packet[0] = (byte)(0xC0 | tag);
        packet[1] = 0xFF;
        BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(2), body.Length);
        body.CopyTo(packet.AsSpan(6));
        return packet;
    }

    /// <summary>A binary literal data packet named "bomb".</summary>
    public static byte[] Literal(ReadOnlySpan<byte> data) => Packet(11, [(byte)'b', 4, .. "bomb"u8, 0, 0, 0, 0, .. data]);

    /// <summary>A compressed data packet (tag 8) holding a raw deflate stream (algorithm 1, ZIP, as gpg writes it).</summary>
    public static byte[] Compressed(ReadOnlySpan<byte> deflateStream) => Packet(8, [1, .. deflateStream]);

    /// <summary>A marker packet ("PGP").</summary>
    public static byte[] Marker() => Packet(10, "PGP"u8);

    /// <summary>An MPI: bit count, then the big-endian magnitude.</summary>
    public static byte[] Mpi(ReadOnlySpan<byte> magnitude)
    {
        var start = magnitude.IndexOfAnyExcept((byte)0);
        var value = start < 0 ? [] : magnitude[start..];
        var bits = value.IsEmpty ? 0 : ((value.Length - 1) * 8) + 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)value[0]);
        return [(byte)(bits >> 8), (byte)bits, .. value];
    }
}
