using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.Benchmarks;

/// <summary>The key kinds the signature benchmarks compare, generated fresh by our own generator.</summary>
public static class BenchmarkKeys
{
    public static OpenPgpKey Generate(string kind) => new KeyGenerator().Generate(kind switch
    {
        "Ed25519" => new KeyGenerationOptions { Type = KeyType.Ed25519, RealName = "Bench" },
        "EcdsaP256" => new KeyGenerationOptions { Type = KeyType.EcdsaP256, RealName = "Bench" },
        "Rsa2048" => new KeyGenerationOptions { Type = KeyType.Rsa, RsaBits = 2048, RealName = "Bench" },
        "Rsa4096" => new KeyGenerationOptions { Type = KeyType.Rsa, RsaBits = 4096, RealName = "Bench" },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    });
}
