using System.Security.Cryptography;
using VaultGpg.OpenPgp.Hashing;

namespace VaultGpg.OpenPgp.Tests.Hashing;

public sealed class ResumableHashTests
{
    /// <summary>Every algorithm on both cores; the core is named by a string because xunit needs public types.</summary>
    public static TheoryData<HashAlgorithm, string> AllCores()
    {
        var data = new TheoryData<HashAlgorithm, string>();
        foreach (var algorithm in new[] { HashAlgorithm.Sha224, HashAlgorithm.Sha256, HashAlgorithm.Sha384, HashAlgorithm.Sha512 })
        {
            data.Add(algorithm, nameof(Sha2Implementation.Managed));
            data.Add(algorithm, nameof(Sha2Implementation.OpenSsl));
        }

        return data;
    }

    [Fact]
    public void OpenSsl_OnDebian_IsAvailable()
    {
        // The fast path is the point of the P/Invoke core; on the supported platform it must load and self-test.
        Assert.True(OpenSslSha2.IsAvailable);
    }

    [Theory]
    [MemberData(nameof(AllCores))]
    public void Finish_ManyLengths_MatchesDotNet(HashAlgorithm algorithm, string core)
    {
        var implementation = Enum.Parse<Sha2Implementation>(core);
        var data = TestBytes(1100);
        foreach (var length in Lengths())
        {
            var hash = ResumableHash.Create(algorithm, implementation);
            hash.Append(data.AsSpan(0, length));

            Assert.Equal(Reference(algorithm, data.AsSpan(0, length)), hash.Finish());
        }
    }

    [Theory]
    [MemberData(nameof(AllCores))]
    public void ExportImport_AtEverySplitPoint_MatchesDotNet(HashAlgorithm algorithm, string core)
    {
        var implementation = Enum.Parse<Sha2Implementation>(core);
        var data = TestBytes(300);
        var expected = Reference(algorithm, data);
        for (var split = 0; split <= data.Length; split++)
        {
            var first = ResumableHash.Create(algorithm, implementation);
            first.Append(data.AsSpan(0, split));
            var state = first.ExportState();

            // Resume on the other implementation too: the encoding is the contract between them.
            var other = implementation == Sha2Implementation.Managed ? Sha2Implementation.OpenSsl : Sha2Implementation.Managed;
            var resumed = ResumableHash.Import(state, other);
            resumed.Append(data.AsSpan(split));

            Assert.Equal(expected, resumed.Finish());
        }
    }

    [Theory]
    [InlineData(HashAlgorithm.Sha224)]
    [InlineData(HashAlgorithm.Sha256)]
    [InlineData(HashAlgorithm.Sha384)]
    [InlineData(HashAlgorithm.Sha512)]
    public void ExportState_SameInput_SameBytesOnBothCores(HashAlgorithm algorithm)
    {
        var data = TestBytes(1100);
        foreach (var length in Lengths().Append(777))
        {
            var managed = ResumableHash.Create(algorithm, Sha2Implementation.Managed);
            managed.Append(data.AsSpan(0, length));
            var openSsl = ResumableHash.Create(algorithm, Sha2Implementation.OpenSsl);
            openSsl.Append(data.AsSpan(0, length));

            Assert.Equal(managed.ExportState(), openSsl.ExportState());
        }
    }

    [Fact]
    public void ExportState_AfterExport_HashContinues()
    {
        var data = TestBytes(500);
        var hash = ResumableHash.Create(HashAlgorithm.Sha256);
        hash.Append(data.AsSpan(0, 100));
        _ = hash.ExportState();
        hash.Append(data.AsSpan(100));

        Assert.Equal(SHA256.HashData(data), hash.Finish());
    }

    [Fact]
    public void Finish_Twice_Throws()
    {
        var hash = ResumableHash.Create(HashAlgorithm.Sha512);
        _ = hash.Finish();

        Assert.Throws<ObjectDisposedException>(() => hash.Finish());
    }

    [Fact]
    public void Create_UndefinedAlgorithm_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResumableHash.Create((HashAlgorithm)2));
    }

    [Fact]
    public async Task AppendAsync_Stream_MatchesDotNet()
    {
        var data = TestBytes(3_000_000);
        var hash = ResumableHash.Create(HashAlgorithm.Sha384);
        await hash.AppendAsync(new MemoryStream(data));

        Assert.Equal(3_000_000, hash.BytesHashed);
        Assert.Equal(SHA384.HashData(data), hash.Finish());
    }

    internal static byte[] Reference(HashAlgorithm algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        HashAlgorithm.Sha224 => Sha224Reference(data),
        HashAlgorithm.Sha256 => SHA256.HashData(data),
        HashAlgorithm.Sha384 => SHA384.HashData(data),
        HashAlgorithm.Sha512 => SHA512.HashData(data),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static byte[] Sha224Reference(ReadOnlySpan<byte> data)
    {
        // .NET has no SHA-224; BouncyCastle is an independent implementation to compare against.
        var digest = new Org.BouncyCastle.Crypto.Digests.Sha224Digest();
        digest.BlockUpdate(data);
        var output = new byte[28];
        digest.DoFinal(output);
        return output;
    }

    private static IEnumerable<int> Lengths()
    {
        for (var length = 0; length <= 260; length++)
        {
            yield return length;
        }

        yield return 1000;
        yield return 1024;
        yield return 1100;
    }

    private static byte[] TestBytes(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }
}
