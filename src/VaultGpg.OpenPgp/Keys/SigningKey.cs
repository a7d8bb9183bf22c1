using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// The unlocked key that makes signatures: the subkey or primary GnuPG would choose. Immutable; shared by all
/// threads that sign with the key.
/// </summary>
internal sealed class SigningKey
{
    private KeySigner? _raw;

    public SigningKey(PgpPublicKey publicKey, PgpPrivateKey privateKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (publicKey.KeyId != privateKey.KeyId)
        {
            throw new ArgumentException("the private key does not belong to the public key", nameof(privateKey));
        }

        PublicKey = publicKey;
        PrivateKey = privateKey;
    }

    public PgpPublicKey PublicKey { get; }

    public PgpPrivateKey PrivateKey { get; }

    /// <summary>
    /// The signing operation for this key (holds pooled .NET RSA/ECDsa objects), created on first use. Without a lock:
    /// racing threads may each build one, and one of them is kept.
    /// </summary>
    internal KeySigner Raw => LazyInitializer.EnsureInitialized(ref _raw, () => KeySigner.Create(PublicKey, PrivateKey));
}
