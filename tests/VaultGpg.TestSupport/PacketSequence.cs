namespace VaultGpg.TestSupport;

/// <summary>
/// Splits binary OpenPGP data into its packets' tags and bodies (old and new header formats, definite lengths only),
/// so that two exports can be compared packet by packet whatever header format each writer chose.
/// </summary>
public static class PacketSequence
{
    /// <summary>Each packet as "tag:hex of body".</summary>
    public static IReadOnlyList<string> Of(ReadOnlySpan<byte> data)
    {
        var packets = new List<string>();
        var position = 0;
        while (position < data.Length)
        {
            var header = data[position++];
            int tag;
            int length;
            if ((header & 0x40) != 0)
            {
                tag = header & 0x3F;
                var first = data[position++];
                if (first < 192)
                {
                    length = first;
                }
                else if (first < 224)
                {
                    length = ((first - 192) << 8) + data[position++] + 192;
                }
                else if (first == 255)
                {
                    length = (data[position] << 24) | (data[position + 1] << 16) | (data[position + 2] << 8) | data[position + 3];
                    position += 4;
                }
                else
                {
                    throw new InvalidOperationException("partial body lengths are not expected in key data");
                }
            }
            else
            {
                tag = (header >> 2) & 0x0F;
                var lengthBytes = (header & 3) switch { 0 => 1, 1 => 2, 2 => 4, _ => throw new InvalidOperationException("indeterminate length") };
                length = 0;
                for (var i = 0; i < lengthBytes; i++)
                {
                    length = (length << 8) | data[position++];
                }
            }

            packets.Add($"{tag}:{Convert.ToHexStringLower(data.Slice(position, length))}");
            position += length;
        }

        return packets;
    }
}
