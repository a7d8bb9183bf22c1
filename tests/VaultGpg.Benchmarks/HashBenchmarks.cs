using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using VaultGpg.OpenPgp.Hashing;

namespace VaultGpg.Benchmarks;

/// <summary>
/// The resumable SHA-2 on both cores against .NET's one-shot hashes (OpenSSL EVP) and BouncyCastle, over 64 MiB.
/// MB/s = 67.1 / (mean seconds).
/// </summary>
public class HashBenchmarks
{
    private readonly byte[] _data = new byte[64 << 20];

    [Params("SHA256", "SHA512")]
    public string Algorithm { get; set; } = "SHA256";

    [GlobalSetup]
    public void Setup() => new Random(1).NextBytes(_data);

    [Benchmark(Baseline = true)]
    public byte[] DotNetHashData() => Algorithm == "SHA256" ? SHA256.HashData(_data) : SHA512.HashData(_data);

    [Benchmark]
    public byte[] ResumableOpenSsl() => Resumable(Sha2Implementation.OpenSsl);

    [Benchmark]
    public byte[] ResumableManaged() => Resumable(Sha2Implementation.Managed);

    [Benchmark]
    public byte[] BouncyCastle()
    {
        IDigest digest = Algorithm == "SHA256" ? new Sha256Digest() : new Sha512Digest();
        digest.BlockUpdate(_data);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output);
        return output;
    }

    private byte[] Resumable(Sha2Implementation implementation)
    {
        var hash = ResumableHash.Create(Algorithm == "SHA256" ? VaultGpg.OpenPgp.HashAlgorithm.Sha256 : VaultGpg.OpenPgp.HashAlgorithm.Sha512, implementation);
        // Append in 1 MiB pieces, as a client streaming a file would.
        for (var offset = 0; offset < _data.Length; offset += 1 << 20)
        {
            hash.Append(_data.AsSpan(offset, 1 << 20));
        }

        return hash.Finish();
    }
}
