using System.Buffers.Binary;
using VaultGpg.OpenPgp.Hashing;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// The one place signatures are made, for every mode (detached, text, cleartext, hash state): given a hash that has
/// already consumed the signed data, it appends the v4 trailer we build ourselves, finishes the digest and does the
/// public-key operation. Callers choose only among document signature types (0x00 binary, 0x01 text); certification
/// and binding types can never be produced here.
/// </summary>
internal static class SignatureCore
{
    public const byte BinaryDocument = 0x00;
    public const byte CanonicalTextDocument = 0x01;

    public static byte[] Sign(KeySigner signer, ISha2Core hashedData, byte signatureType, DateTimeOffset createdAt, TimeSpan? expiresAfter = null)
    {
        if (signatureType is not (BinaryDocument or CanonicalTextDocument))
        {
            throw new ArgumentOutOfRangeException(nameof(signatureType), "only document signatures are made here");
        }

        var hash = hashedData.Algorithm;
        CheckHashFitsKey(signer, hash);
        var packet = new SignaturePacket(
            signatureType,
            signer.Algorithm,
            (byte)hash,
            SignatureSubpackets.Hashed(signer.Fingerprint, ToOpenPgpTime(createdAt), ExpirySeconds(expiresAfter)),
            SignatureSubpackets.Unhashed(signer.KeyId),
            Left16: 0,
            SignatureData: []);
        hashedData.Append(packet.Trailer());
        var digest = new byte[Sha2Family.DigestSize(hash)];
        hashedData.Finish(digest);
        return (packet with
        {
            Left16 = BinaryPrimitives.ReadUInt16BigEndian(digest),
            SignatureData = signer.SignDigest(hash, digest),
        }).Encode();
    }

    /// <summary>OpenPGP timestamps are unsigned 32-bit seconds since 1970.</summary>
    public static uint ToOpenPgpTime(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        return seconds is >= 0 and <= uint.MaxValue
            ? (uint)seconds
            : throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "signature creation time must be between 1970 and 2106");
    }

    /// <summary>
    /// Whole seconds for the expiration subpacket; null or zero means the signature never expires (RFC 4880 §5.2.3.10
    /// gives 0 that meaning too, so we simply leave the subpacket out).
    /// </summary>
    public static uint? ExpirySeconds(TimeSpan? expiresAfter)
    {
        if (expiresAfter is not { } lifetime || lifetime == TimeSpan.Zero)
        {
            return null;
        }

        var seconds = (long)lifetime.TotalSeconds;
        return seconds is >= 1 and <= uint.MaxValue
            ? (uint)seconds
            : throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "signature lifetime must be between 1 second and 136 years, or zero for none");
    }

    /// <summary>
    /// GnuPG refuses to sign with EdDSA or ECDSA using a hash shorter than the key's security level (it picks a longer
    /// one); a signature it would not make is one we should not make either.
    /// </summary>
    private static void CheckHashFitsKey(KeySigner signer, HashAlgorithm hash)
    {
        if (signer.MinimumDigestSize > Sha2Family.DigestSize(hash))
        {
            throw new OpenPgpException(
                OpenPgpErrorKind.InvalidInput,
                $"{Sha2Family.Name(hash)} is too short for this key; use a hash of at least {signer.MinimumDigestSize * 8} bits");
        }
    }
}
