using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace VaultGpg.Benchmarks;

/// <summary>The raw RSA PKCS#1 v1.5 signing step: .NET's RSA (OpenSSL) against BouncyCastle's blinded RSA.</summary>
public class RsaRawBenchmarks
{
    private readonly byte[] _digest = SHA256.HashData("benchmark"u8);
    private RSA _dotNet = null!;
    private RsaPrivateCrtKeyParameters _bouncyCastle = null!;
    private byte[] _digestInfo = null!;

    [Params(2048, 4096)]
    public int Bits { get; set; } = 2048;

    [GlobalSetup]
    public void Setup()
    {
        _dotNet = RSA.Create(Bits);
        _bouncyCastle = (RsaPrivateCrtKeyParameters)DotNetUtilities.GetRsaKeyPair(_dotNet.ExportParameters(true)).Private;
        // The same DER DigestInfo both sides sign.
        _digestInfo = [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20, .. _digest];
    }

    [GlobalCleanup]
    public void Cleanup() => _dotNet.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] DotNetSignHash() => _dotNet.SignHash(_digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark]
    public byte[] BouncyCastleSign()
    {
        var engine = new Pkcs1Encoding(new RsaBlindedEngine());
        engine.Init(true, _bouncyCastle);
        return engine.ProcessBlock(_digestInfo, 0, _digestInfo.Length);
    }
}
