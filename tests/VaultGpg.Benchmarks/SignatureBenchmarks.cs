using BenchmarkDotNet.Attributes;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.Benchmarks;

/// <summary>Detached signatures over 1 KiB: the public-key operation dominates, so this is signatures per second.</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private readonly OpenPgpSigner _signer = new();
    private readonly byte[] _data = new byte[1024];
    private OpenPgpKey _key = null!;

    [Params("Ed25519", "EcdsaP256", "Rsa2048", "Rsa4096")]
    public string Key { get; set; } = "Ed25519";

    [GlobalSetup]
    public void Setup()
    {
        _key = BenchmarkKeys.Generate(Key);
        _ = _signer.SignDetached(_key, _data);
    }

    [Benchmark]
    public byte[] SignDetached1KiB() => _signer.SignDetached(_key, _data, new SignOptions { Hash = HashAlgorithm.Sha256 });
}
