using System.Globalization;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Adds subkeys to a key and removes them, as <c>gpg --quick-add-key</c> and <c>delkey</c> do. Keys are immutable:
/// each operation returns a new <see cref="OpenPgpKey"/>, evaluated afresh (so a new signing subkey becomes the one
/// that signs, by GnuPG's newest-valid-signing-subkey rule).
/// </summary>
public sealed class SubkeyEditor
{
    private const int SignData = 0x02;
    private const int EncryptCommunicationsAndStorage = 0x04 | 0x08;

    private readonly TimeProvider _timeProvider;

    public SubkeyEditor(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Generates a subkey and binds it to <paramref name="key"/>'s primary key: a subkey binding signature (0x18) with
    /// key flags and the optional expiry, and for a signing subkey an embedded primary-key binding signature (0x19)
    /// made by the subkey, without which gpg will not use it.
    /// </summary>
    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.InvalidInput"/> for a verify-only key, a primary
    /// key without its secret part, or options that do not fit together.</exception>
    public AddedSubkey AddSubkey(OpenPgpKey key, SubkeyOptions options) =>
        AddSubkeyCreatedAt(key, options, _timeProvider.GetUtcNow());

    /// <summary>As <see cref="AddSubkey(OpenPgpKey, SubkeyOptions)"/>, with the subkey and its binding dated
    /// <paramref name="createdAt"/> (a rotation dates them when the subkey is to start signing).</summary>
    internal AddedSubkey AddSubkeyCreatedAt(OpenPgpKey key, SubkeyOptions options, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        var keyFlags = KeyFlags(options);
        var expirySeconds = KeyGenerator.ExpirySeconds(options.ExpiresAfter);
        var ring = key.SecretRing
            ?? throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the key is verify-only: a subkey can only be added with the secret primary key");
        var primarySecret = ring.GetSecretKey();
        if (SecretKeyUnlocker.IsStub(primarySecret))
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the primary key's secret part is not present (an offline primary key), so it cannot bind a subkey");
        }

        var created = DateTimeOffset.FromUnixTimeSeconds(createdAt.ToUnixTimeSeconds()).UtcDateTime;
        var random = new SecureRandom();
        var primary = new PgpKeyPair(primarySecret.PublicKey, primarySecret.ExtractPrivateKeyRaw([]));
        var subkey = NewPair(options, random, created);

        var hashed = KeyGenerator.CommonSubpackets(primary.PublicKey, created, expirySeconds, keyFlags);
        if ((keyFlags & SignData) != 0)
        {
            hashed.AddEmbeddedSignature(false, BackSignature(primary.PublicKey, subkey, created));
        }

        // The ring generator makes the binding signature and the subkey's secret packet exactly as for generated
        // keys; its own throwaway user ID certification of the primary is discarded.
        var generator = new PgpKeyRingGenerator(
            PgpSignature.PositiveCertification,
            primary,
            "unused",
            SymmetricKeyAlgorithmTag.Null,
            HashAlgorithmTag.Sha512,
            rawPassPhrase: Array.Empty<byte>(),
            useSha1: false,
            null,
            null,
            random);
        generator.AddSubKey(subkey, hashed.Generate(), null, HashAlgorithmTag.Sha512);
        // Parsed back from its encoding: only then does BouncyCastle know the key is a subkey (packet tag 7).
        var subkeySecret = new PgpSecretKeyRing(generator.GenerateSecretKeyRing().GetEncoded()).GetSecretKey(subkey.KeyId);

        var updated = KeyLoader.Load(
            new PgpSecretKeyRing(PgpSecretKeyRing.InsertSecretKey(ring, subkeySecret).GetEncoded()), passphrase: null, isImport: false, _timeProvider);
        var keyId = KeyFacts.KeyId(subkey.KeyId);
        return new AddedSubkey(updated, updated.Info.Subkeys.Single(s => s.KeyId == keyId));
    }

    /// <summary>
    /// A copy of <paramref name="key"/> without the subkey whose key ID (16 hex digits) or fingerprint is
    /// <paramref name="keyIdOrFingerprint"/>, and without its binding and revocation signatures; null when the key has
    /// no such subkey.
    /// </summary>
    public OpenPgpKey? RemoveSubkey(OpenPgpKey key, string keyIdOrFingerprint)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(keyIdOrFingerprint);
        var subkey = key.Info.FindSubkey(keyIdOrFingerprint);
        if (subkey is null)
        {
            return null;
        }

        var id = (long)ulong.Parse(subkey.KeyId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        byte[] encoded;
        if (key.SecretRing is { } secretRing)
        {
            // A public-only subkey in a secret ring (a gpg export of a key whose subkey secret was deleted) sits among
            // the ring's extra public keys.
            var secret = secretRing.GetSecretKey(id);
            encoded = secret is not null
                ? PgpSecretKeyRing.RemoveSecretKey(secretRing, secret).GetEncoded()
                : PgpSecretKeyRing.ReplacePublicKeys(secretRing, PgpPublicKeyRing.RemovePublicKey(key.PublicRing, key.PublicRing.GetPublicKey(id))).GetEncoded();
        }
        else
        {
            encoded = KeyEncoding.EncodePublic(PgpPublicKeyRing.RemovePublicKey(key.PublicRing, key.PublicRing.GetPublicKey(id)));
        }

        return KeyLoader.Load(KeyRingParser.ParseSingle(encoded, KeyDataLimits.MaxKeyBytes, untrusted: false), passphrase: null, isImport: false, _timeProvider);
    }

    private static int KeyFlags(SubkeyOptions options)
    {
        var usage = options.Usage;
        if (usage == KeyUsage.None || (usage & ~(KeyUsage.Sign | KeyUsage.Encrypt)) != 0)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "a subkey's capabilities must be sign, encrypt or (for rsa) both");
        }

        if (options.Type != KeyType.Rsa && usage == (KeyUsage.Sign | KeyUsage.Encrypt))
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "only an rsa subkey can both sign and encrypt");
        }

        if (options.Type == KeyType.Rsa && options.RsaBits is not (2048 or 3072 or 4096))
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"key_bits {options.RsaBits} is not valid for rsa; must be 2048, 3072 or 4096");
        }

        return (usage.HasFlag(KeyUsage.Sign) ? SignData : 0) | (usage.HasFlag(KeyUsage.Encrypt) ? EncryptCommunicationsAndStorage : 0);
    }

    private static PgpKeyPair NewPair(SubkeyOptions options, SecureRandom random, DateTime created)
    {
        var sign = options.Usage.HasFlag(KeyUsage.Sign);
        return options.Type switch
        {
            KeyType.Rsa => KeyGenerator.RsaPair(options.RsaBits, created),
            KeyType.Ed25519 => sign ? KeyGenerator.Ed25519Pair(random, created) : KeyGenerator.X25519Pair(created),
            KeyType.EcdsaP256 => sign
                ? KeyGenerator.EcdsaPair(SecObjectIdentifiers.SecP256r1, random, created)
                : KeyGenerator.EcdhPair(SecObjectIdentifiers.SecP256r1, HashAlgorithmTag.Sha256, SymmetricKeyAlgorithmTag.Aes128, random, created),
            KeyType.EcdsaP384 => sign
                ? KeyGenerator.EcdsaPair(SecObjectIdentifiers.SecP384r1, random, created)
                : KeyGenerator.EcdhPair(SecObjectIdentifiers.SecP384r1, HashAlgorithmTag.Sha384, SymmetricKeyAlgorithmTag.Aes256, random, created),
            _ => throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"unsupported key type {options.Type}"),
        };
    }

    /// <summary>The primary-key binding (0x19) by the subkey over primary and subkey: proof the subkey's owner agrees.</summary>
    private static PgpSignature BackSignature(PgpPublicKey primary, PgpKeyPair subkey, DateTime created)
    {
        var subpackets = new PgpSignatureSubpacketGenerator();
        subpackets.SetSignatureCreationTime(false, created);
        subpackets.SetIssuerFingerprint(false, subkey.PublicKey);
        var generator = new PgpSignatureGenerator(subkey.PublicKey.Algorithm, HashAlgorithmTag.Sha512);
        generator.InitSign(PgpSignature.PrimaryKeyBinding, subkey.PrivateKey);
        generator.SetHashedSubpackets(subpackets.Generate());
        return generator.GenerateCertification(primary, subkey.PublicKey);
    }
}
