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

    /// <summary>Every signing-capable key with its unlocked secret part, by key ID; which of them signs is decided
    /// per call from the time (<see cref="SignerAt"/>). Each holds its pooled .NET key objects once built.</summary>
    private readonly Dictionary<long, SigningKey> _signingKeys;

    private readonly HashSet<long> _secretKeyIds;

    internal OpenPgpKey(
        PgpPublicKeyRing publicRing,
        PgpSecretKeyRing? secretRing,
        VerifiedSelfSignatures selfSignatures,
        IReadOnlyDictionary<long, PgpPrivateKey> privateKeys,
        DateTimeOffset loadedAt)
    {
        PublicRing = publicRing;
        _secretRing = secretRing;
        SelfSignatures = selfSignatures;
        _secretKeyIds = privateKeys.Keys.ToHashSet();
        _signingKeys = privateKeys
            .Where(p => KeyFacts.CanSignWith(publicRing.GetPublicKey(p.Key).Algorithm))
            .ToDictionary(p => p.Key, p => new SigningKey(publicRing.GetPublicKey(p.Key), p.Value));
        var atLoad = EvaluateAt(loadedAt);
        DecryptionKeys = KeyLoader.DecryptionKeysOf(atLoad, privateKeys);
        Info = Describe(atLoad);
    }

    /// <summary>
    /// Facts about the key as evaluated when it was loaded. The fingerprint, algorithm, user IDs and subkeys do not
    /// change with time; for validity, capabilities and the signing key as of now use <see cref="DescribeAt"/>.
    /// </summary>
    public KeyInfo Info { get; }

    /// <summary>True when only the public key is held: the key can verify but not sign or decrypt.</summary>
    public bool IsVerifyOnly => _secretRing is null;

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

    /// <summary>Facts, validity and the signing key at <paramref name="when"/> (typically the request's now).</summary>
    public KeyInfo DescribeAt(DateTimeOffset when) => Describe(EvaluateAt(when));

    /// <summary>Whether some key could sign at some time or decrypt: a secret part of a signing- or
    /// encryption-capable key is present (false for a verify-only key or one whose secret parts are all stubs).</summary>
    internal bool HasUsableSecretPart => _signingKeys.Count > 0 || DecryptionKeys.Count > 0;

    /// <summary>Which key signs at <paramref name="when"/>, since when, and the next change the key's own dates bring
    /// (a rotated subkey taking over, a signing key expiring).</summary>
    public SigningSchedule SigningScheduleAt(DateTimeOffset when) =>
        SigningTimeline.ScheduleAt(SelfSignatures, when, instant => ChooseSigner(EvaluateAt(instant))?.PublicKey);

    /// <summary>Whether some key can sign at <paramref name="when"/>.</summary>
    public bool CanSignAt(DateTimeOffset when) => ChooseSigner(EvaluateAt(when)) is not null;

    /// <summary>
    /// The key that signs at <paramref name="when"/>, as GnuPG chooses it (getkey.c finish_lookup): with a usable
    /// primary key, the newest valid signing-capable subkey whose secret part is present, else the primary key if it
    /// may sign. The returned object is cached per component, so its .NET key objects are built once.
    /// </summary>
    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.CannotSign"/>, saying why: verify-only, revoked
    /// (when and why), expired (when), or no valid signing key with its secret part.</exception>
    internal SigningKey SignerAt(DateTimeOffset when)
    {
        var evaluation = EvaluateAt(when);
        return ChooseSigner(evaluation)
            ?? throw new OpenPgpException(OpenPgpErrorKind.CannotSign, KeyStateText.WhyCannotSign(evaluation, _secretKeyIds.Contains, IsVerifyOnly));
    }

    /// <summary>The unprotected secret key ring, null for a verify-only key.</summary>
    internal PgpSecretKeyRing? SecretRing => _secretRing;

    private SigningKey? ChooseSigner(RingEvaluation evaluation) =>
        KeyLoader.ChooseSigningComponent(evaluation, _signingKeys.ContainsKey) is { } chosen ? _signingKeys[chosen.Key.KeyId] : null;

    private KeyInfo Describe(RingEvaluation evaluation)
    {
        var signer = ChooseSigner(evaluation);
        return KeyLoader.Describe(
            evaluation,
            _secretKeyIds.Contains,
            signer?.PublicKey,
            hasSecret: _secretRing is not null,
            canDecrypt: DecryptionKeys is { Count: > 0 },
            cannotSignReason: signer is null ? KeyStateText.WhyCannotSign(evaluation, _secretKeyIds.Contains, IsVerifyOnly) : null);
    }

    /// <summary>
    /// The form to store: the binary transferable secret key with unprotected secret parts (or the public key for a
    /// verify-only key). It is meant for storage that is itself encrypted, such as Vault's barrier.
    /// </summary>
    public byte[] ToStoredForm() => _secretRing is not null ? _secretRing.GetEncoded() : KeyEncoding.EncodePublic(PublicRing);

    /// <summary>Loads a key from <see cref="ToStoredForm"/> bytes. Never refuses a key for being expired or revoked.</summary>
    /// <exception cref="OpenPgpException">The bytes are not a stored key.</exception>
    public static OpenPgpKey FromStoredForm(ReadOnlySpan<byte> storedForm, TimeProvider? timeProvider = null)
    {
        var ring = KeyRingParser.ParseSingle(storedForm, KeyDataLimits.MaxKeyBytes, untrusted: false);
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
