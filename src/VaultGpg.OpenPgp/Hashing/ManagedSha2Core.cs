using System.Buffers.Binary;

namespace VaultGpg.OpenPgp.Hashing;

/// <summary>
/// The block buffering and padding both SHA-2 widths share; subclasses supply the compression function and the word
/// size. Written for clarity and resumability, not speed: OpenSSL's core is the fast path.
/// </summary>
internal abstract class ManagedSha2Core : ISha2Core
{
    private readonly byte[] _block;
    private int _pending;

    protected ManagedSha2Core(Sha2State state)
    {
        Algorithm = state.Algorithm;
        ByteCount = state.ByteCount;
        _block = new byte[Sha2Family.BlockSize(state.Algorithm)];
        state.Pending.CopyTo(_block, 0);
        _pending = state.Pending.Length;
    }

    public HashAlgorithm Algorithm { get; }

    public ulong ByteCount { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        var blockSize = _block.Length;
        ByteCount += (ulong)data.Length;
        if (_pending > 0)
        {
            var take = Math.Min(blockSize - _pending, data.Length);
            data[..take].CopyTo(_block.AsSpan(_pending));
            _pending += take;
            data = data[take..];
            if (_pending < blockSize)
            {
                return;
            }

            Compress(_block);
            _pending = 0;
        }

        while (data.Length >= blockSize)
        {
            Compress(data[..blockSize]);
            data = data[blockSize..];
        }

        data.CopyTo(_block);
        _pending = data.Length;
    }

    public Sha2State Export() => new(Algorithm, ByteCount, ExportWords(), _block.AsSpan(0, _pending).ToArray());

    public void Finish(Span<byte> digest)
    {
        // Padding: 0x80, zeros, then the message length in bits as a big-endian integer of 8 (SHA-256) or 16
        // (SHA-512) bytes. Byte counts stay below 2^61, so the upper half of the 16-byte length is always zero.
        var blockSize = _block.Length;
        var lengthFieldSize = 2 * Sha2Family.WordSize(Algorithm);
        Span<byte> tail = stackalloc byte[2 * blockSize];
        tail.Clear();
        _block.AsSpan(0, _pending).CopyTo(tail);
        tail[_pending] = 0x80;
        var tailLength = _pending + 1 + lengthFieldSize <= blockSize ? blockSize : 2 * blockSize;
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(tailLength - 8, 8), ByteCount * 8);
        for (var offset = 0; offset < tailLength; offset += blockSize)
        {
            Compress(tail.Slice(offset, blockSize));
        }

        var words = ExportWords();
        var wordSize = Sha2Family.WordSize(Algorithm);
        Span<byte> full = stackalloc byte[8 * wordSize];
        Sha2Words.WriteBigEndian(words, wordSize, full);
        full[..digest.Length].CopyTo(digest);
    }

    protected abstract void Compress(ReadOnlySpan<byte> block);

    protected abstract ulong[] ExportWords();
}
