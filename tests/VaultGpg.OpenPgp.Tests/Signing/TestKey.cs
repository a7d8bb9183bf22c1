using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Tests.Signing;

/// <summary>A gpg-made key opened directly with BouncyCastle (independent of our importer): the signing primary and
/// the encryption subkey.</summary>
internal sealed record TestKey(
    string Name,
    string Fingerprint,
    string SubkeyFingerprint,
    byte[] SecretKey,
    byte[] PublicKey,
    PgpPublicKeyRing PublicRing,
    KeySigner Signer,
    PgpPublicKey EncryptionPublicKey,
    PgpPrivateKey EncryptionPrivateKey)
{
    public static TestKey FromGpgExport(string name, string fingerprint, string subkeyFingerprint, byte[] secretKey, byte[] publicKey)
    {
        var ring = new PgpSecretKeyRing(secretKey);
        var keys = ring.GetSecretKeys().ToList();
        var primary = keys.Single(k => k.IsMasterKey);
        var subkey = keys.Single(k => !k.IsMasterKey);
        return new TestKey(
            name,
            fingerprint,
            subkeyFingerprint,
            secretKey,
            publicKey,
            new PgpPublicKeyRing(publicKey),
            KeySigner.Create(primary.PublicKey, primary.ExtractPrivateKey([])),
            subkey.PublicKey,
            subkey.ExtractPrivateKey([]));
    }
}
