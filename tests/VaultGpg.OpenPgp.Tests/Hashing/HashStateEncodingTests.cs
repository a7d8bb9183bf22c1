using System.Buffers.Binary;
using VaultGpg.OpenPgp.Hashing;

namespace VaultGpg.OpenPgp.Tests.Hashing;

public sealed class HashStateEncodingTests
{
    [Fact]
    public void ExportState_Sha256After100Bytes_HasDocumentedLayout()
    {
        var hash = ResumableHash.Create(HashAlgorithm.Sha256);
        hash.Append(new byte[100]);

        var state = hash.ExportState();

        Assert.Equal("VGHS"u8.ToArray(), state[..4]);
        Assert.Equal(1, state[4]);
        Assert.Equal(8, state[5]);
        Assert.Equal(100UL, BinaryPrimitives.ReadUInt64BigEndian(state.AsSpan(6)));
        Assert.Equal(36, state[14 + 32]);
        Assert.Equal(14 + 32 + 1 + 36, state.Length);
    }

    [Fact]
    public void Import_FreshState_ContinuesFromInitialValue()
    {
        var fresh = ResumableHash.Create(HashAlgorithm.Sha512).ExportState();
        var resumed = ResumableHash.Import(fresh);
        resumed.Append("abc"u8);

        Assert.Equal(System.Security.Cryptography.SHA512.HashData("abc"u8), resumed.Finish());
    }

    public static TheoryData<string, byte[]> BadStates()
    {
        var good = ValidState();
        var data = new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "magic only", good[..4] },
            { "truncated header", good[..10] },
            { "truncated chaining value", good[..30] },
            { "truncated pending bytes", good[..^1] },
            { "trailing byte", [.. good, 0] },
            { "wrong magic", With(good, 0, (byte)'X') },
            { "version 0", With(good, 4, 0) },
            { "version 2", With(good, 4, 2) },
            { "MD5 id", With(good, 5, 1) },
            { "SHA-1 id", With(good, 5, 2) },
            { "unknown algorithm 99", With(good, 5, 99) },
            { "pending length 64", WithPendingLength(good, 64) },
            { "pending length 255", WithPendingLength(good, 255) },
            { "count inconsistent with pending", WithCount(good, 101) },
            { "count 2^61", WithCount(good, (1UL << 61) + 36) },
            { "count 2^64-1", WithCount(good, ulong.MaxValue) },
            { "SHA-512 id on a SHA-256 sized state", With(good, 5, 10) },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(BadStates))]
    public void Import_BadEncoding_ThrowsMalformedInput(string why, byte[] encoded)
    {
        var ex = Assert.Throws<OpenPgpException>(() => ResumableHash.Import(encoded));

        Assert.Equal(OpenPgpErrorKind.MalformedInput, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message), why);
    }

    [Fact]
    public void Import_LargestAllowedCount_Accepted()
    {
        var encoded = WithCount(ValidState(), (1UL << 61) - 64 + 36);

        var hash = ResumableHash.Import(encoded);

        Assert.Equal((long)((1UL << 61) - 64 + 36), hash.BytesHashed);
    }

    private static byte[] ValidState()
    {
        var hash = ResumableHash.Create(HashAlgorithm.Sha256);
        hash.Append(new byte[100]);
        return hash.ExportState();
    }

    private static byte[] With(byte[] source, int index, byte value)
    {
        var copy = source.ToArray();
        copy[index] = value;
        return copy;
    }

    private static byte[] WithCount(byte[] source, ulong count)
    {
        var copy = source.ToArray();
        BinaryPrimitives.WriteUInt64BigEndian(copy.AsSpan(6), count);
        return copy;
    }

    private static byte[] WithPendingLength(byte[] source, byte length)
    {
        // Keep the total size consistent with the claimed pending length so only that rule can refuse it.
        var head = source[..(14 + 32)];
        return [.. head, length, .. new byte[length]];
    }
}
