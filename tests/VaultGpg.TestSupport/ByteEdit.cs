namespace VaultGpg.TestSupport;

/// <summary>One random edit of a byte string, the kinds afl-fuzz's havoc stage makes. <paramref name="At"/> and
/// <paramref name="Length"/> are reduced modulo the input's length when applied, so any values make a valid edit.</summary>
public readonly record struct ByteEdit(int Kind, int At, byte Value, int Length)
{
    public const int Kinds = 7;

    /// <summary>Values that sit on boundaries of length and tag fields.</summary>
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xBF, 0xC0, 0xDF, 0xE0, 0xFE, 0xFF];

    public byte[] ApplyTo(byte[] input)
    {
        if (input.Length == 0)
        {
            return Kind == 2 ? Enumerable.Repeat(Value, Length).ToArray() : input;
        }

        var at = At % input.Length;
        var length = Math.Min(Length, input.Length - at);
        return Kind switch
        {
            0 => Replace(input, at, (byte)(input[at] ^ (1 << (Value & 7)))),
            1 => Replace(input, at, Interesting[Value % Interesting.Length]),
            2 => [.. input[..at], .. Enumerable.Repeat(Value, Length), .. input[at..]],
            3 => [.. input[..at], .. input[(at + length)..]],
            4 => input[..at],
            5 => [.. input[..(at + length)], .. input[at..]],
            _ => [.. input[..at], .. Enumerable.Repeat((byte)0xFF, length), .. input[(at + length)..]],
        };
    }

    private static byte[] Replace(byte[] input, int at, byte value)
    {
        var copy = input.ToArray();
        copy[at] = value;
        return copy;
    }
}
