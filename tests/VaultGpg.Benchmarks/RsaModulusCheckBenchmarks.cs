using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Parameters;
using VaultGpg.OpenPgp.Keys;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace VaultGpg.Benchmarks;

/// <summary>
/// What building a BouncyCastle RSA public key costs: with its Miller-Rabin test of the modulus (what every
/// <c>PgpPublicKey.GetKey()</c> and <c>InitVerify</c> pays), and inside <see cref="TrustedRsaModulusScope"/>, where
/// only the cheap checks run because the modulus was validated once when the key entered the system.
/// </summary>
public class RsaModulusCheckBenchmarks
{
    private BigInteger _modulus = null!;
    private BigInteger _exponent = null!;

    [Params(2048, 4096)]
    public int Bits { get; set; } = 2048;

    [GlobalSetup]
    public void Setup()
    {
        using var rsa = RSA.Create(Bits);
        var parameters = rsa.ExportParameters(false);
        _modulus = new BigInteger(1, parameters.Modulus);
        _exponent = new BigInteger(1, parameters.Exponent);
    }

    [Benchmark(Baseline = true)]
    public RsaKeyParameters WithModulusTest() => new(false, _modulus, _exponent);

    [Benchmark]
    public RsaKeyParameters InTrustedScope()
    {
        using var trusted = TrustedRsaModulusScope.Enter();
        return new RsaKeyParameters(false, _modulus, _exponent);
    }
}
