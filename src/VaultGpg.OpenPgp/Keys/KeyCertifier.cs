using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Certifies another key's user ID with a key's primary key, as <c>gpg --quick-sign-key</c> does: a certification
/// signature (0x10-0x13) over the other primary key and the user ID, which gpg shows as <c>sig!</c> with
/// <c>--check-sigs</c>. Only the primary key certifies (it holds the certify capability).
/// </summary>
public sealed class KeyCertifier
{
    private readonly TimeProvider _timeProvider;

    public KeyCertifier(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <param name="certifier">The key that vouches (must be valid now and hold its secret primary key).</param>
    /// <param name="otherPublicKey">The key to certify: a transferable public key, armored or binary, as gpg exports it.</param>
    /// <param name="userId">The user ID to certify, exactly as it is on the other key.</param>
    /// <param name="options">Type, lifetime and exportability of the certification.</param>
    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.InvalidInput"/> for a secret or unreadable
    /// other key, a user ID it does not carry, the certifier itself, or a certifier without its secret primary key;
    /// <see cref="OpenPgpErrorKind.CannotSign"/> when the certifier is revoked or expired.</exception>
    public CertifiedKey Certify(OpenPgpKey certifier, ReadOnlySpan<byte> otherPublicKey, string userId, CertificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(certifier);
        ArgumentNullException.ThrowIfNull(userId);
        options ??= new CertificationOptions();
        if (!Enum.IsDefined(options.Type))
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"unsupported certification type 0x{(int)options.Type:x2}; must be 0x10 to 0x13");
        }

        var expirySeconds = KeyGenerator.ExpirySeconds(options.ExpiresAfter);
        var other = new KeyImporter(_timeProvider).Import(otherPublicKey, new KeyImportOptions(AllowVerifyOnly: true));
        if (!other.IsVerifyOnly)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the key to certify must be a public key, not a secret key");
        }

        if (other.Info.Fingerprint == certifier.Info.Fingerprint)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "a key does not certify its own user IDs here; they carry self-signatures already");
        }

        var rawUserId = Encoding.UTF8.GetBytes(userId);
        var otherPrimary = other.PublicRing.GetPublicKey();
        if (!otherPrimary.GetRawUserIds().Any(raw => raw.AsSpan().SequenceEqual(rawUserId)))
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"the key {other.Info.Fingerprint} has no user ID \"{userId}\"");
        }

        var now = _timeProvider.GetUtcNow();
        var primary = certifier.EvaluateAt(now).Primary;
        if (!primary.IsValid)
        {
            throw new OpenPgpException(OpenPgpErrorKind.CannotSign, "the key cannot certify: " + KeyStateText.WhyCannotSign(certifier.EvaluateAt(now), _ => true, certifier.IsVerifyOnly));
        }

        var context = KeySigningContext.Of(certifier, now, "certifying");
        var hashed = context.HashedSubpackets();
        if (expirySeconds is { } seconds)
        {
            hashed.SetSignatureExpirationTime(false, seconds);
        }

        if (!options.Exportable)
        {
            hashed.SetExportable(true, false);
        }

        var certification = context.Generator((int)options.Type, hashed).GenerateCertification(userId, otherPrimary);
        var certified = PgpPublicKey.AddCertification(otherPrimary, userId, certification);
        var ring = PgpPublicKeyRing.InsertPublicKey(other.PublicRing, certified);
        // Encoded for storage, not "for transfer": BouncyCastle's transfer encoding would drop a local certification.
        // Any trust packet the input carried would be kept; gpg skips those on import.
        return new CertifiedKey(other.Info.Fingerprint, userId, ring.GetEncoded(), new DateTimeOffset(context.Created, TimeSpan.Zero));
    }
}
