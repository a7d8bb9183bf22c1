using System.Buffers.Binary;

namespace VaultGpg.OpenPgp.Hashing;

/// <summary>
/// Version 1 of the exported SHA-2 state, specified in HASH-STATE.md next to this file. Parsing is strict: every
/// field is checked against the others, and anything not exactly a well-formed state is refused as malformed input.
/// </summary>
internal static class HashStateEncoding
{
    public const byte Version = 1;
    private const int HeaderSize = 4 + 1 + 1 + 8;
    private static ReadOnlySpan<byte> Magic => "VGHS"u8;

    public static byte[] Encode(Sha2State state)
    {
        var wordSize = Sha2Family.WordSize(state.Algorithm);
        var encoded = new byte[HeaderSize + (8 * wordSize) + 1 + state.Pending.Length];
        var span = encoded.AsSpan();
        Magic.CopyTo(span);
        span[4] = Version;
        span[5] = (byte)state.Algorithm;
        BinaryPrimitives.WriteUInt64BigEndian(span[6..], state.ByteCount);
        Sha2Words.WriteBigEndian(state.Words, wordSize, span[HeaderSize..]);
        var pendingAt = HeaderSize + (8 * wordSize);
        span[pendingAt] = (byte)state.Pending.Length;
        state.Pending.CopyTo(span[(pendingAt + 1)..]);
        return encoded;
    }

    public static Sha2State Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < HeaderSize || !encoded[..4].SequenceEqual(Magic))
        {
            throw Malformed("not a hash state (wrong magic or too short)");
        }

        if (encoded[4] != Version)
        {
            throw Malformed($"unsupported hash state version {encoded[4]}; this signer reads version {Version}");
        }

        var algorithm = (HashAlgorithm)encoded[5];
        if (!Sha2Family.IsDefined(algorithm))
        {
            throw Malformed($"unknown hash algorithm id {encoded[5]} in hash state");
        }

        var byteCount = BinaryPrimitives.ReadUInt64BigEndian(encoded[6..]);
        if (byteCount > Sha2Family.MaxMessageBytes)
        {
            throw Malformed("hash state byte count exceeds the SHA-2 message length limit");
        }

        var wordSize = Sha2Family.WordSize(algorithm);
        var blockSize = Sha2Family.BlockSize(algorithm);
        var pendingAt = HeaderSize + (8 * wordSize);
        if (encoded.Length <= pendingAt)
        {
            throw Malformed("hash state is truncated");
        }

        var pendingLength = encoded[pendingAt];
        if (pendingLength >= blockSize)
        {
            throw Malformed($"hash state claims {pendingLength} pending bytes; a {Sha2Family.Name(algorithm)} block holds at most {blockSize - 1}");
        }

        if (byteCount % (ulong)blockSize != pendingLength)
        {
            throw Malformed("hash state byte count is inconsistent with its pending block length");
        }

        var expectedLength = pendingAt + 1 + pendingLength;
        if (encoded.Length != expectedLength)
        {
            throw Malformed(encoded.Length < expectedLength ? "hash state is truncated" : "hash state has trailing bytes");
        }

        var words = Sha2Words.ReadBigEndian(encoded[HeaderSize..], wordSize);
        return new Sha2State(algorithm, byteCount, words, encoded.Slice(pendingAt + 1, pendingLength).ToArray());
    }

    private static OpenPgpException Malformed(string message) => new(OpenPgpErrorKind.MalformedInput, message);
}
