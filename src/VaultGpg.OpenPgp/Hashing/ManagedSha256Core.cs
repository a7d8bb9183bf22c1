using System.Buffers.Binary;
using System.Numerics;

namespace VaultGpg.OpenPgp.Hashing;

/// <summary>The SHA-224/256 compression function (FIPS 180-4 §6.2).</summary>
internal sealed class ManagedSha256Core : ManagedSha2Core
{
    private readonly uint[] _h = new uint[8];
    private readonly uint[] _schedule = new uint[64];

    public ManagedSha256Core(Sha2State state)
        : base(state)
    {
        for (var i = 0; i < 8; i++)
        {
            _h[i] = (uint)state.Words[i];
        }
    }

    protected override ulong[] ExportWords() => [.. _h.Select(w => (ulong)w)];

    protected override void Compress(ReadOnlySpan<byte> block)
    {
        var w = _schedule;
        var k = Sha2Constants.K256;
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * t)..]);
        }

        for (var t = 16; t < 64; t++)
        {
            var s0 = BitOperations.RotateRight(w[t - 15], 7) ^ BitOperations.RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            var s1 = BitOperations.RotateRight(w[t - 2], 17) ^ BitOperations.RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }

        uint a = _h[0], b = _h[1], c = _h[2], d = _h[3], e = _h[4], f = _h[5], g = _h[6], h = _h[7];
        for (var t = 0; t < 64; t++)
        {
            var sum1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            var temp1 = h + sum1 + ((e & f) ^ (~e & g)) + k[t] + w[t];
            var sum0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            var temp2 = sum0 + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + temp1;
            d = c;
            c = b;
            b = a;
            a = temp1 + temp2;
        }

        _h[0] += a;
        _h[1] += b;
        _h[2] += c;
        _h[3] += d;
        _h[4] += e;
        _h[5] += f;
        _h[6] += g;
        _h[7] += h;
    }
}
