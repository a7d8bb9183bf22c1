namespace VaultGpg.OpenPgp.Signing;

/// <summary>The CRC-24 of the armor checksum line (RFC 4880 §6.1).</summary>
internal static class Crc24
{
    private const int Init = 0xB704CE;
    private const int Polynomial = 0x1864CFB;

    public static int Compute(ReadOnlySpan<byte> data)
    {
        var crc = Init;
        foreach (var b in data)
        {
            crc ^= b << 16;
            for (var i = 0; i < 8; i++)
            {
                crc <<= 1;
                if ((crc & 0x1000000) != 0)
                {
                    crc ^= Polynomial;
                }
            }
        }

        return crc & 0xFFFFFF;
    }
}
