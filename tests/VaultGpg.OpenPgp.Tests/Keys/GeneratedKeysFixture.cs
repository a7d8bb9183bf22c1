using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.OpenPgp.Tests.Keys;

/// <summary>One key of each generated type, made once per test class (RSA-4096 takes a second or two).</summary>
public sealed class GeneratedKeysFixture
{
    public const string RealName = "Vault Signer";
    public const string Comment = "test key";
    public const string Email = "signer@example.org";
    public const string UserId = "Vault Signer (test key) <signer@example.org>";

    private readonly Dictionary<string, OpenPgpKey> _keys;

    public GeneratedKeysFixture()
    {
        var generator = new KeyGenerator();
        var specs = new (string Name, KeyGenerationOptions Options)[]
        {
            ("rsa3072", Options(KeyType.Rsa)),
            ("rsa4096", Options(KeyType.Rsa) with { RsaBits = 4096 }),
            ("ed25519", Options(KeyType.Ed25519)),
            ("p256", Options(KeyType.EcdsaP256)),
            ("p384", Options(KeyType.EcdsaP384)),
        };
        var keys = new OpenPgpKey[specs.Length];
        Parallel.For(0, specs.Length, i => keys[i] = generator.Generate(specs[i].Options));
        _keys = specs.Select((s, i) => (s.Name, Key: keys[i])).ToDictionary(p => p.Name, p => p.Key, StringComparer.Ordinal);
    }

    public OpenPgpKey this[string name] => _keys[name];

    public static KeyGenerationOptions Options(KeyType type) =>
        new() { Type = type, RealName = RealName, Comment = Comment, Email = Email };
}
