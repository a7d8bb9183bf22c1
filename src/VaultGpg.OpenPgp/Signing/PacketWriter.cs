namespace VaultGpg.OpenPgp.Signing;

/// <summary>Writes packet headers in the old format with a definite length, as GnuPG writes signature packets;
/// every OpenPGP implementation (rpm, gpgv, apt) reads it.</summary>
internal static class PacketWriter
{
    public static byte[] Packet(int tag, ReadOnlySpan<byte> body)
    {
        var length = body.Length;
        int lengthType = length < 0x100 ? 0 : length < 0x10000 ? 1 : 2;
        var lengthBytes = 1 << lengthType;
        var packet = new byte[1 + lengthBytes + length];
        packet[0] = (byte)(0x80 | (tag << 2) | lengthType);
        for (var i = 0; i < lengthBytes; i++)
        {
            packet[1 + i] = (byte)(length >> (8 * (lengthBytes - 1 - i)));
        }

        body.CopyTo(packet.AsSpan(1 + lengthBytes));
        return packet;
    }
}
