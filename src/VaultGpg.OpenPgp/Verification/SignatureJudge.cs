using System.Globalization;
using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Verification;

/// <summary>
/// GnuPG 2.2's verdict on one document signature, in the order gpg reaches it: mainproc.c do_check_sig (signature
/// class), sig-check.c check_signature2 (digest algorithm, issuer key, key validity), check_signature_metadata_validity
/// (time conflicts, expiry, revocation), check_signature_end_simple (weak digest, key usage, hash size, the
/// cryptography, unknown critical bits), the back-signature, and finally mainproc.c check_sig_and_print, which picks
/// BADSIG, EXPSIG, EXPKEYSIG, REVKEYSIG or GOODSIG in that order. The one deliberate difference: SHA-1 is refused.
/// </summary>
internal sealed class SignatureJudge
{
    private const byte Md5 = 1;
    private const byte Sha1 = 2;
    private const byte Ripemd160 = 3;

    private readonly SignaturePacket _packet;
    private readonly SignatureFacts _facts;
    private readonly PgpPublicKey? _key;
    private readonly IssuerState? _issuer;
    private readonly DateTimeOffset _now;

    /// <param name="packet">The signature.</param>
    /// <param name="key">The issuer, when it is the key or one of its subkeys.</param>
    /// <param name="evaluate">The key's evaluation at <paramref name="now"/>; asked only when there is an issuer.</param>
    /// <param name="now">The verification time.</param>
    public SignatureJudge(SignaturePacket packet, PgpPublicKey? key, Func<RingEvaluation> evaluate, DateTimeOffset now)
    {
        _packet = packet;
        _facts = packet.ReadFacts();
        _key = key;
        _now = now;
        _issuer = key is null ? null : IssuerState.Of(evaluate(), key);
    }

    /// <summary>The SHA-2 algorithm to hash the data with, once <see cref="BeforeDigest"/> found nothing.</summary>
    public HashAlgorithm Hash => (HashAlgorithm)_packet.HashAlgorithm;

    /// <summary>Whether the data is hashed as canonical text (signature type 0x01).</summary>
    public bool IsText => _packet.SignatureType == SignatureCore.CanonicalTextDocument;

    /// <summary>Finishes the digest (data already appended) with the signature's trailer and checks the cryptography.</summary>
    public bool Matches(ISha2Core hashedData)
    {
        hashedData.Append(_packet.Trailer());
        var digest = new byte[Sha2Family.DigestSize(Hash)];
        hashedData.Finish(digest);
        return _packet.Left16 == ((digest[0] << 8) | digest[1])
            && RawVerifier.Verify(_key!, _packet.PublicKeyAlgorithm, Hash, digest, _packet.SignatureData);
    }

    /// <summary>The verdict when it does not depend on the data, else null (hash the data, then call <see cref="AfterDigest"/>).</summary>
    public VerificationResult? BeforeDigest()
    {
        if (_packet.SignatureType is not (SignatureCore.BinaryDocument or SignatureCore.CanonicalTextDocument))
        {
            return Verdict(VerificationStatus.WrongSignatureType, $"signature type 0x{_packet.SignatureType:x2} is not a binary or text document signature");
        }

        var hashId = _packet.HashAlgorithm;
        var weak = hashId is Md5 or Sha1 or Ripemd160;
        if (!weak && !Sha2Family.IsDefined((HashAlgorithm)hashId))
        {
            return Verdict(VerificationStatus.UnsupportedAlgorithm, $"hash algorithm {hashId} is not supported");
        }

        if (_key is null || _issuer is null)
        {
            return Verdict(VerificationStatus.NoPublicKey, $"the signature was made by key {KeyIdText()}, which is neither this key nor one of its subkeys");
        }

        if (!_issuer.IsUsable)
        {
            return Verdict(
                VerificationStatus.InvalidKey,
                _issuer.Primary.IsBound ? $"subkey {KeyIdText()} has no valid binding signature" : "the primary key has no valid self-signature");
        }

        var keyCreated = _issuer.Key.CreatedAt;
        if (_facts.CreatedAt is not { } created)
        {
            return Verdict(VerificationStatus.TimeConflict, "the signature has no (hashed) creation time");
        }

        if (keyCreated > created)
        {
            return Verdict(VerificationStatus.TimeConflict, $"the signature ({Time(created)}) is older than the key that made it ({Time(keyCreated)})");
        }

        if (keyCreated > _now)
        {
            return Verdict(VerificationStatus.TimeConflict, $"the key was created in the future ({Time(keyCreated)})");
        }

        if (weak)
        {
            var name = hashId switch { Md5 => "MD5", Sha1 => "SHA-1", _ => "RIPEMD-160" };
            return Verdict(VerificationStatus.WeakHash, $"{name} signatures are not accepted (collision attacks); only SHA-2 is");
        }

        if ((_issuer.Key.Usage & KeyUsage.Sign) == 0)
        {
            return Verdict(VerificationStatus.WrongKeyUsage, $"key {KeyIdText()} may not sign data (its key flags allow {Describe(_issuer.Key.Usage)})");
        }

        if (RawVerifier.MinimumDigestBytes(_key) is { } minimum && Sha2Family.DigestSize(Hash) < minimum)
        {
            return Verdict(VerificationStatus.WeakHash, $"the key's curve needs a hash of at least {minimum * 8} bits, the signature uses {Sha2Family.Name(Hash)}");
        }

        return null;
    }

    /// <summary>The verdict once the cryptography has answered (<paramref name="matches"/>).</summary>
    public VerificationResult AfterDigest(bool matches)
    {
        if (!matches)
        {
            return Verdict(VerificationStatus.Bad, "the signature does not match the data");
        }

        if (_facts.HasUnknownCriticalSubpacket)
        {
            return Verdict(VerificationStatus.UnknownCritical, "the signature has a critical subpacket or notation that is not understood");
        }

        var issuer = _issuer!;
        if (issuer.LacksBackSignature)
        {
            return Verdict(VerificationStatus.NotCrossCertified, $"signing subkey {KeyIdText()} is not cross-certified (no valid back-signature)");
        }

        if (SignatureExpiresAt is { } expiry && expiry <= _now)
        {
            return Verdict(VerificationStatus.ExpiredSignature, $"the signature expired at {Time(expiry)}");
        }

        if (issuer.IsExpired)
        {
            var which = issuer.IsSubkey && issuer.Primary.IsExpired ? "primary key" : "key";
            return Verdict(VerificationStatus.ExpiredKey, $"the signing {which} expired at {(issuer.ExpiresAt is { } at ? Time(at) : "an unknown time")}");
        }

        if (issuer.Revocation is { } revocation)
        {
            var text = revocation.Text.Length > 0 ? $": \"{revocation.Text}\"" : string.Empty;
            var which = revocation.OfPrimaryKey && issuer.IsSubkey ? "primary key" : "key";
            return Verdict(VerificationStatus.RevokedKey, $"the signing {which} was revoked at {Time(revocation.RevokedAt)} ({Name(revocation.Code)}{text})");
        }

        return Verdict(VerificationStatus.Good, $"good signature by key {KeyIdText()}");
    }

    /// <summary>A verdict for a signature that could not be judged at all.</summary>
    public static VerificationResult Unreadable(VerificationStatus status, string reason) => new() { Status = status, Reason = reason };

    private DateTimeOffset? SignatureExpiresAt =>
        _facts is { CreatedAt: { } created, ExpiresAfterSeconds: { } seconds } ? created.AddSeconds(seconds) : null;

    private VerificationResult Verdict(VerificationStatus status, string reason)
    {
        var fingerprint = _facts.IssuerFingerprint ?? _key?.GetFingerprint();
        var keyId = _facts.IssuerKeyId ?? (_key is null ? 0UL : (ulong)_key.KeyId);
        var hash = (HashAlgorithm)_packet.HashAlgorithm;
        return new VerificationResult
        {
            Status = status,
            Reason = reason,
            KeyId = keyId.ToString("X16", CultureInfo.InvariantCulture),
            Fingerprint = fingerprint is null ? null : Convert.ToHexString(fingerprint),
            CreatedAt = _facts.CreatedAt,
            Hash = Sha2Family.IsDefined(hash) ? hash : null,
            HashAlgorithmId = _packet.HashAlgorithm,
            SignatureType = _packet.SignatureType,
            SignatureExpiresAt = SignatureExpiresAt,
            KeyExpiresAt = _issuer?.ExpiresAt,
            Revocation = _issuer?.Revocation,
        };
    }

    private string KeyIdText() => (_facts.IssuerKeyId ?? (_key is null ? 0UL : (ulong)_key.KeyId)).ToString("X16", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "an unknown time";

    private static string Describe(KeyUsage usage) =>
        usage == KeyUsage.None ? "nothing" : string.Join(", ", Enum.GetValues<KeyUsage>().Where(u => u != KeyUsage.None && usage.HasFlag(u)).Select(u => u.ToString().ToLowerInvariant()));

    private static string Name(RevocationCode code) => code switch
    {
        RevocationCode.NoReason => "no reason given",
        RevocationCode.KeySuperseded => "key superseded",
        RevocationCode.KeyCompromised => "key compromised",
        RevocationCode.KeyRetired => "key retired",
        RevocationCode.UserIdInvalid => "user ID invalid",
        _ => "other reason",
    };
}
