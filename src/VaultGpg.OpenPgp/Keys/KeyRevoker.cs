using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Revokes keys as gpg does: revocation certificates (a bare key revocation signature, 0x20, armored as gpg's
/// <c>--gen-revoke</c> writes it), and revocations of the primary key (0x20) or of a subkey (0x28) added to the key.
/// Keys are immutable: each revocation returns a new <see cref="OpenPgpKey"/>, evaluated afresh, so a revoked key or
/// subkey no longer signs (another valid signing subkey still may, as gpg would choose it).
/// </summary>
public sealed class KeyRevoker
{
    /// <summary>The armor header gpg writes on revocation certificates.</summary>
    public const string CertificateComment = "Comment: This is a revocation certificate";

    /// <summary>The longest reason text accepted, in UTF-8 bytes (a subpacket, kept far below its size limit).</summary>
    public const int MaxCommentBytes = 1024;

    private readonly TimeProvider _timeProvider;

    public KeyRevoker(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// A revocation certificate for <paramref name="key"/>'s primary key: one key revocation signature (0x20) in a
    /// "PGP PUBLIC KEY BLOCK" with gpg's comment header. Unlike the copy gpg keeps in openpgp-revocs.d, the armor
    /// line is not disabled with a leading ':', so <c>gpg --import</c> takes it as it is and then lists the key revoked.
    /// </summary>
    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.InvalidInput"/> for a verify-only key, an offline
    /// primary key or a comment that is too long.</exception>
    public string MakeCertificate(OpenPgpKey key, RevocationReasonCode reason = RevocationReasonCode.Compromised, string? comment = null)
    {
        var context = KeySigningContext.Of(key, _timeProvider.GetUtcNow(), "a revocation certificate");
        var signature = KeyRevocation(context, reason, comment);
        var armored = Armor.Encode(signature.GetEncoded(), ArmorKind.PublicKey);
        var firstLineEnd = armored.IndexOf('\n', StringComparison.Ordinal);
        return armored[..(firstLineEnd + 1)] + CertificateComment + "\n" + armored[(firstLineEnd + 1)..];
    }

    /// <summary>The key with its primary key revoked (0x20): it and all its subkeys stop signing.</summary>
    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.InvalidInput"/> for a verify-only key, an offline
    /// primary key, a key already revoked or a comment that is too long.</exception>
    public OpenPgpKey Revoke(OpenPgpKey key, RevocationReasonCode reason, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow();
        if (key.EvaluateAt(now).Primary.IsRevoked)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the key is already revoked");
        }

        var context = KeySigningContext.Of(key, now, "revoking it");
        var revoked = PgpPublicKey.AddCertification(context.Primary, KeyRevocation(context, reason, comment));
        return Replace(key, revoked);
    }

    /// <summary>The key with the subkey <paramref name="keyIdOrFingerprint"/> revoked (0x28).</summary>
    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.InvalidInput"/> for an unknown subkey, one already
    /// revoked, a verify-only key, an offline primary key or a comment that is too long.</exception>
    public OpenPgpKey RevokeSubkey(OpenPgpKey key, string keyIdOrFingerprint, RevocationReasonCode reason, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(keyIdOrFingerprint);
        var now = _timeProvider.GetUtcNow();
        var info = key.Info.FindSubkey(keyIdOrFingerprint)
            ?? throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"the key has no subkey {keyIdOrFingerprint}");
        var subkey = key.PublicRing.GetPublicKeys().Skip(1).First(k => KeyFacts.KeyId(k) == info.KeyId);
        if (key.EvaluateAt(now).Subkeys.Single(s => s.Key.KeyId == subkey.KeyId).IsRevoked)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"subkey {info.KeyId} is already revoked");
        }

        var context = KeySigningContext.Of(key, now, "revoking a subkey");
        var generator = context.Generator(PgpSignature.SubkeyRevocation, ReasonSubpackets(context, reason, comment));
        var revocation = generator.GenerateCertification(context.Primary, subkey);
        return Replace(key, PgpPublicKey.AddCertification(subkey, revocation));
    }

    private static PgpSignature KeyRevocation(KeySigningContext context, RevocationReasonCode reason, string? comment) =>
        context.Generator(PgpSignature.KeyRevocation, ReasonSubpackets(context, reason, comment)).GenerateCertification(context.Primary);

    private static PgpSignatureSubpacketGenerator ReasonSubpackets(KeySigningContext context, RevocationReasonCode reason, string? comment)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"unsupported revocation reason {(int)reason}");
        }

        comment ??= string.Empty;
        if (System.Text.Encoding.UTF8.GetByteCount(comment) > MaxCommentBytes || comment.Any(c => char.IsControl(c) && c != '\n'))
        {
            throw new OpenPgpException(
                OpenPgpErrorKind.InvalidInput, $"the revocation comment must be at most {MaxCommentBytes} bytes of UTF-8 without control characters other than newlines");
        }

        var hashed = context.HashedSubpackets();
        hashed.SetRevocationReason(false, (RevocationReasonTag)(byte)reason, comment);
        return hashed;
    }

    /// <summary>The key with <paramref name="replacement"/> (same key ID, one more signature) in place of its old packets.</summary>
    private OpenPgpKey Replace(OpenPgpKey key, PgpPublicKey replacement)
    {
        var ring = key.SecretRing!;
        var secretKeys = ring.GetSecretKeys()
            .Select(s => s.KeyId == replacement.KeyId ? PgpSecretKey.ReplacePublicKey(s, replacement) : s);
        var extraPublicKeys = ring.GetExtraPublicKeys()
            .Select(p => p.KeyId == replacement.KeyId ? replacement : p);
        var updated = KeyEncoding.SecretRingOf(secretKeys, extraPublicKeys);
        return KeyLoader.Load(new PgpSecretKeyRing(updated.GetEncoded()), passphrase: null, isImport: false, _timeProvider);
    }
}
