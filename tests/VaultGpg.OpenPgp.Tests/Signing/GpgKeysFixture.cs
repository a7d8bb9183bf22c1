using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Signing;

/// <summary>
/// Keys made by real gpg, one of each kind we sign with (RSA-2048, Ed25519, ECDSA P-256, P-384), each with an
/// encryption subkey; generated once per test class in a private GNUPGHOME that the tests keep using as the oracle.
/// </summary>
public sealed class GpgKeysFixture : IAsyncLifetime
{
    private readonly Dictionary<string, TestKey> _keys = new(StringComparer.Ordinal);
    private GpgOracle? _gpg;

    /// <summary>Key names as the theories use them, with gpg's algorithm names for primary and subkey.</summary>
    public static readonly IReadOnlyList<(string Name, string Primary, string Subkey)> Kinds =
    [
        ("rsa", "rsa2048", "rsa2048"),
        ("ed25519", "ed25519", "cv25519"),
        ("p256", "nistp256", "nistp256"),
        ("p384", "nistp384", "nistp384"),
    ];

    /// <summary>When the keys are dated (gpg's faked system time): before any signature time a test uses.</summary>
    public static readonly DateTimeOffset KeysCreatedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public GpgOracle Gpg => _gpg ?? throw new InvalidOperationException("gpg is not available");

    internal TestKey this[string name] => _keys[name];

    public async Task InitializeAsync()
    {
        if (RequiredTools.MissingReason() is not null)
        {
            return;
        }

        _gpg = GpgOracle.Create();
        foreach (var (name, primary, subkey) in Kinds)
        {
            var fingerprint = await _gpg.GenerateKeyAsync($"{name} test <{name}@example.org>", primary, "sign", "never", at: KeysCreatedAt);
            var subkeyFingerprint = await _gpg.AddSubkeyAsync(fingerprint, subkey, "encr", "never", at: KeysCreatedAt);
            var secret = await _gpg.ExportSecretKeyAsync(fingerprint, armor: false);
            var publicKey = await _gpg.ExportPublicKeyAsync(fingerprint, armor: false);
            _keys[name] = TestKey.FromGpgExport(name, fingerprint, subkeyFingerprint, secret, publicKey);
        }
    }

    public async Task DisposeAsync()
    {
        if (_gpg is not null)
        {
            await _gpg.DisposeAsync();
        }
    }
}
