using System.Buffers.Binary;
using System.Numerics;

namespace VaultGpg.OpenPgp.Hashing;

/// <summary>The SHA-384/512 compression function (FIPS 180-4 §6.4).</summary>
internal sealed class ManagedSha512Core : ManagedSha2Core
{
    private readonly ulong[] _h = new ulong[8];
    private readonly ulong[] _schedule = new ulong[80];

    public ManagedSha512Core(Sha2State state)
        : base(state)
    {
        state.Words.CopyTo(_h, 0);
    }

    protected override ulong[] ExportWords() => [.. _h];

    protected override void Compress(ReadOnlySpan<byte> block)
    {
        var w = _schedule;
        var k = Sha2Constants.K512;
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt64BigEndian(block[(8 * t)..]);
        }

        for (var t = 16; t < 80; t++)
        {
            var s0 = BitOperations.RotateRight(w[t - 15], 1) ^ BitOperations.RotateRight(w[t - 15], 8) ^ (w[t - 15] >> 7);
            var s1 = BitOperations.RotateRight(w[t - 2], 19) ^ BitOperations.RotateRight(w[t - 2], 61) ^ (w[t - 2] >> 6);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }

        ulong a = _h[0], b = _h[1], c = _h[2], d = _h[3], e = _h[4], f = _h[5], g = _h[6], h = _h[7];
        for (var t = 0; t < 80; t++)
        {
            var sum1 = BitOperations.RotateRight(e, 14) ^ BitOperations.RotateRight(e, 18) ^ BitOperations.RotateRight(e, 41);
            var temp1 = h + sum1 + ((e & f) ^ (~e & g)) + k[t] + w[t];
            var sum0 = BitOperations.RotateRight(a, 28) ^ BitOperations.RotateRight(a, 34) ^ BitOperations.RotateRight(a, 39);
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
