using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// A loaded OpenPGP key: the transferable key with its secret parts unlocked once, at load time, and the facts
/// about it. Immutable after construction and safe to share between threads; nothing here takes a lock.
/// Create one with <see cref="KeyGenerator"/>, <see cref="KeyImporter"/> or <see cref="FromStoredForm"/>.
/// </summary>
public sealed class OpenPgpKey
{
    private readonly PgpSecretKeyRing? _secretRing;

    internal OpenPgpKey(
        PgpPublicKeyRing publicRing,
        PgpSecretKeyRing? secretRing,
        VerifiedSelfSignatures selfSignatures,
        KeyInfo info,
        SigningKey? signer,
        IReadOnlyList<DecryptionKey> decryptionKeys)
    {
        PublicRing = publicRing;
        _secretRing = secretRing;
        SelfSignatures = selfSignatures;
        Info = info;
        Signer = signer;
        DecryptionKeys = decryptionKeys;
    }

    /// <summary>Facts about the key, evaluated when it was loaded.</summary>
    public KeyInfo Info { get; }

    /// <summary>True when only the public key is held: the key can verify but not sign or decrypt.</summary>
    public bool IsVerifyOnly => _secretRing is null;

    /// <summary>True when a valid signing key with its secret part was found at load time.</summary>
    public bool CanSign => Signer is not null;

    /// <summary>The key that signs, or null for a verify-only key or one without a valid signing key.</summary>
    internal SigningKey? Signer { get; }

    /// <summary>Unlocked keys that can decrypt (encryption-capable keys with a secret part, valid or not, as gpg does).</summary>
    internal IReadOnlyList<DecryptionKey> DecryptionKeys { get; }

    /// <summary>The transferable public key (public key, user IDs, subkeys, their signatures).</summary>
    internal PgpPublicKeyRing PublicRing { get; }

    /// <summary>The self-signatures that verified, checked once at load; validity at any time is judged from them.</summary>
    internal VerifiedSelfSignatures SelfSignatures { get; }

    /// <summary>
    /// The state of the primary key, subkeys and user IDs at <paramref name="when"/>, from the self-signatures verified
    /// at load: cheap (no signature is verified), so call it per request rather than keeping a verdict.
    /// </summary>
    internal RingEvaluation EvaluateAt(DateTimeOffset when) => KeyEvaluator.EvaluateAt(SelfSignatures, when);

    /// <summary>The unprotected secret key ring, null for a verify-only key.</summary>
    internal PgpSecretKeyRing? SecretRing => _secretRing;

    /// <summary>
    /// The form to store: the binary transferable secret key with unprotected secret parts (or the public key for a
    /// verify-only key). It is meant for storage that is itself encrypted, such as Vault's barrier.
    /// </summary>
    public byte[] ToStoredForm() => _secretRing is not null ? _secretRing.GetEncoded() : KeyEncoding.EncodePublic(PublicRing);

    /// <summary>Loads a key from <see cref="ToStoredForm"/> bytes. Never refuses a key for being expired or revoked.</summary>
    /// <exception cref="OpenPgpException">The bytes are not a stored key.</exception>
    public static OpenPgpKey FromStoredForm(ReadOnlySpan<byte> storedForm, TimeProvider? timeProvider = null)
    {
        var ring = KeyRingParser.ParseSingle(storedForm, KeyDataLimits.MaxKeyBytes);
        return KeyLoader.Load(ring, passphrase: null, isImport: false, timeProvider ?? TimeProvider.System);
    }

    /// <summary>The transferable public key, binary, without secret material or trust packets.</summary>
    public byte[] ExportPublicKey() => KeyEncoding.EncodePublic(PublicRing);

    /// <summary>The transferable public key as an ASCII-armored "PGP PUBLIC KEY BLOCK" that gpg and rpm import.</summary>
    public string ExportPublicKeyArmored() => KeyArmor.Armor(ExportPublicKey(), ArmorKind.PublicKey);

    /// <summary>
    /// The transferable secret key as an ASCII-armored "PGP PRIVATE KEY BLOCK". With a passphrase, every secret part is
    /// protected with iterated+salted SHA-256 S2K and AES-256 (SHA-1 integrity check), which gpg --import unlocks.
    /// </summary>
    /// <exception cref="OpenPgpException">The key is verify-only (<see cref="OpenPgpErrorKind.InvalidInput"/>).</exception>
    public string ExportSecretKeyArmored(string? passphrase = null)
    {
        if (_secretRing is null)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the key is verify-only: there is no secret key to export");
        }

        var binary = string.IsNullOrEmpty(passphrase)
            ? _secretRing.GetEncoded()
            : SecretKeyProtector.Protect(_secretRing, passphrase);
        return KeyArmor.Armor(binary, ArmorKind.PrivateKey);
    }

    public override string ToString() => $"OpenPgpKey {Info.Fingerprint}";
}
