using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Sets or removes the expiry of a key's primary key or subkeys, as <c>gpg --quick-set-expire</c> does: new
/// self-signatures carrying the new key expiration time (user ID certifications of the same type as the ones in force,
/// the direct-key signature when the key has one, subkey bindings with a fresh back-signature for signing subkeys).
/// Each new signature keeps the other hashed subpackets of the one it replaces (key flags, preferences, features,
/// primary user ID, notations) and is made with SHA-256 or stronger even where the old one used SHA-1. The old
/// signatures stay (gpg keeps them too); the newest one in force wins, for gpg as for <see cref="KeyEvaluator"/>.
/// </summary>
public sealed class ExpiryEditor
{
    private readonly TimeProvider _timeProvider;

    public ExpiryEditor(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// A copy of <paramref name="key"/> in which the primary key (when <paramref name="primary"/>) and each subkey named
    /// in <paramref name="subkeys"/> (key IDs or fingerprints) expire at <paramref name="expiresAt"/>, or never when it is
    /// null.
    /// </summary>
    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.InvalidInput"/> for a verify-only key, a primary
    /// key without its secret part, an unknown subkey, nothing to change, or an expiry that is not after now and after
    /// the key's creation, or further than the 32-bit lifetime reaches.</exception>
    public OpenPgpKey SetExpiry(OpenPgpKey key, bool primary, IReadOnlyCollection<string> subkeys, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(subkeys);
        if (!primary && subkeys.Count == 0)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "no key was named whose expiry should change");
        }

        var now = _timeProvider.GetUtcNow();
        var signer = PrimaryPrivateKey(key);
        var publicRing = key.PublicRing;
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()).UtcDateTime;
        if (primary)
        {
            var lifetime = Lifetime(key.SelfSignatures.Primary, expiresAt, now, "the primary key");
            publicRing = PgpPublicKeyRing.InsertPublicKey(publicRing, RenewPrimary(key, signer, lifetime, signedAt, now));
        }

        foreach (var wanted in subkeys.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var subkey = key.Info.FindSubkey(wanted)
                ?? throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"the key has no subkey \"{wanted}\"");
            var verified = key.SelfSignatures.Subkeys.Single(s => KeyFacts.KeyId(s.Key) == subkey.KeyId);
            var lifetime = Lifetime(verified.Key, expiresAt, now, $"subkey {subkey.KeyId}");
            publicRing = PgpPublicKeyRing.InsertPublicKey(publicRing, RenewBinding(key, signer, verified, lifetime, signedAt, now));
        }

        return Reload(key, publicRing, _timeProvider);
    }

    /// <summary>The key rebuilt from a changed public ring (the secret ring keeps its secret parts).</summary>
    internal static OpenPgpKey Reload(OpenPgpKey key, PgpPublicKeyRing publicRing, TimeProvider timeProvider)
    {
        var encoded = key.SecretRing is { } secretRing
            ? PgpSecretKeyRing.ReplacePublicKeys(secretRing, publicRing).GetEncoded()
            : KeyEncoding.EncodePublic(publicRing);
        return KeyLoader.Load(KeyRingParser.ParseSingle(encoded, KeyDataLimits.MaxKeyBytes, untrusted: false), passphrase: null, isImport: false, timeProvider);
    }

    /// <summary>The unlocked primary key, which makes every self-signature.</summary>
    internal static PgpPrivateKey PrimaryPrivateKey(OpenPgpKey key)
    {
        var ring = key.SecretRing
            ?? throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the key is verify-only: its self-signatures can only be renewed with the secret primary key");
        var primarySecret = ring.GetSecretKey();
        if (SecretKeyUnlocker.IsStub(primarySecret))
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the primary key's secret part is not present (an offline primary key), so it cannot renew self-signatures");
        }

        return primarySecret.ExtractPrivateKeyRaw([]);
    }

    /// <summary>Seconds from the key's creation to <paramref name="expiresAt"/>, 0 for never (the subpacket's "never").</summary>
    private static long Lifetime(PgpPublicKey component, DateTimeOffset? expiresAt, DateTimeOffset now, string what)
    {
        if (expiresAt is not { } expiry)
        {
            return 0;
        }

        var created = KeyFacts.CreatedAt(component);
        if (expiry <= now)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"the expiry {KeyStateText.Rfc3339(expiry)} is not in the future");
        }

        if (expiry <= created)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"the expiry {KeyStateText.Rfc3339(expiry)} is not after the creation of {what} ({KeyStateText.Rfc3339(created)})");
        }

        var seconds = (long)Math.Ceiling((expiry - created).TotalSeconds);
        if (seconds > uint.MaxValue)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"the expiry {KeyStateText.Rfc3339(expiry)} is more than 2^32 seconds after the creation of {what}");
        }

        return seconds;
    }

    /// <summary>The primary key with a new certification for each user ID whose newest self-signature is a
    /// certification, and a new direct-key signature when one is in force.</summary>
    private static PgpPublicKey RenewPrimary(OpenPgpKey key, PgpPrivateKey signer, long lifetime, DateTime signedAt, DateTimeOffset now)
    {
        var verified = key.SelfSignatures;
        var primary = key.PublicRing.GetPublicKey();
        var renewed = 0;
        foreach (var userId in verified.UserIds)
        {
            var newest = userId.SelfSignatures.Where(s => s.CreatedAt <= now).MaxBy(s => s.CreatedAt);
            if (newest is null || newest.IsRevocation)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(userId.RawId);
            if (!Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(userId.RawId))
            {
                throw new OpenPgpException(OpenPgpErrorKind.Unsupported, "a user ID of the key is not valid UTF-8, so its certification cannot be renewed");
            }

            var generator = Generator(primary.Algorithm, newest.Signature, newest.Type, signer, Subpackets(newest.Signature, signedAt, lifetime));
            primary = PgpPublicKey.AddCertification(primary, text, generator.GenerateCertification(text, primary));
            renewed++;
        }

        var direct = verified.DirectKeySignatures.Where(s => s.IsInForceAt(now)).MaxBy(s => s.CreatedAt);
        if (direct is not null)
        {
            var generator = Generator(primary.Algorithm, direct.Signature, PgpSignature.DirectKey, signer, Subpackets(direct.Signature, signedAt, lifetime));
            primary = PgpPublicKey.AddCertification(primary, generator.GenerateCertification(primary));
            renewed++;
        }

        return renewed > 0
            ? primary
            : throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the key has no self-signature in force to renew (every user ID is revoked)");
    }

    /// <summary>The subkey with a new binding copied from the newest one, with a fresh back-signature for a signing subkey.</summary>
    private static PgpPublicKey RenewBinding(OpenPgpKey key, PgpPrivateKey signer, VerifiedSubkey verified, long lifetime, DateTime signedAt, DateTimeOffset now)
    {
        var newest = verified.Bindings.Where(b => b.Binding.CreatedAt <= now).MaxBy(b => b.Binding.CreatedAt)
            ?? throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"subkey {KeyFacts.KeyId(verified.Key)} has no binding signature in force to renew");
        var primary = key.PublicRing.GetPublicKey();
        var subkey = key.PublicRing.GetPublicKey(verified.Key.KeyId);
        var old = newest.Binding.Signature;
        var subpackets = Subpackets(old, signedAt, lifetime);
        if ((newest.Binding.KeyFlags & KeyFlagsSign) != 0)
        {
            subpackets.AddEmbeddedSignature(false, BackSignature(key, primary, subkey, old, signedAt));
        }

        var generator = Generator(primary.Algorithm, old, PgpSignature.SubkeyBinding, signer, subpackets);
        return PgpPublicKey.AddCertification(subkey, generator.GenerateCertification(primary, subkey));
    }

    private const int KeyFlagsSign = 0x02;

    /// <summary>A fresh back-signature when the subkey's secret part is held, else the one the old binding carries
    /// (it signs primary and subkey only, so it stays true).</summary>
    private static PgpSignature BackSignature(OpenPgpKey key, PgpPublicKey primary, PgpPublicKey subkey, PgpSignature oldBinding, DateTime signedAt)
    {
        var secret = key.SecretRing!.GetSecretKey(subkey.KeyId);
        if (secret is null || SecretKeyUnlocker.IsStub(secret))
        {
            var embedded = oldBinding.GetHashedSubPackets()?.GetEmbeddedSignatures();
            return embedded is { Count: > 0 }
                ? embedded[0]
                : throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"signing subkey {KeyFacts.KeyId(subkey)} has no secret part and no back-signature to keep");
        }

        var subpackets = new PgpSignatureSubpacketGenerator();
        subpackets.SetSignatureCreationTime(false, signedAt);
        subpackets.SetIssuerFingerprint(false, subkey);
        var generator = new PgpSignatureGenerator(subkey.Algorithm, StrongHash(oldBinding.HashAlgorithm));
        generator.InitSign(PgpSignature.PrimaryKeyBinding, secret.ExtractPrivateKeyRaw([]));
        generator.SetHashedSubpackets(subpackets.Generate());
        return generator.GenerateCertification(primary, subkey);
    }

    /// <summary>The old signature's hashed subpackets, minus its creation time, key expiry and embedded signatures,
    /// plus the new creation time and key expiry.</summary>
    private static PgpSignatureSubpacketGenerator Subpackets(PgpSignature old, DateTime signedAt, long lifetime)
    {
        var subpackets = new PgpSignatureSubpacketGenerator();
        foreach (var packet in old.GetHashedSubPackets()?.ToArray() ?? [])
        {
            if (packet.SubpacketType is not (SignatureSubpacketTag.CreationTime or SignatureSubpacketTag.KeyExpireTime or SignatureSubpacketTag.EmbeddedSignature))
            {
                subpackets.AddCustomSubpacket(packet);
            }
        }

        subpackets.SetSignatureCreationTime(false, signedAt);
        if (lifetime > 0)
        {
            subpackets.SetKeyExpirationTime(false, lifetime);
        }

        return subpackets;
    }

    private static PgpSignatureGenerator Generator(
        PublicKeyAlgorithmTag algorithm, PgpSignature old, int type, PgpPrivateKey signer, PgpSignatureSubpacketGenerator hashed)
    {
        var generator = new PgpSignatureGenerator(algorithm, StrongHash(old.HashAlgorithm));
        generator.InitSign(type, signer);
        generator.SetHashedSubpackets(hashed.Generate());
        return generator;
    }

    /// <summary>The old signature's hash when it is SHA-256 or stronger, else SHA-256 (as obs-sign renews SHA-1 keys).</summary>
    internal static HashAlgorithmTag StrongHash(HashAlgorithmTag old) =>
        old is HashAlgorithmTag.Sha256 or HashAlgorithmTag.Sha384 or HashAlgorithmTag.Sha512 ? old : HashAlgorithmTag.Sha256;
}
