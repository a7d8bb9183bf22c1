using System.Globalization;
using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Verification;

/// <summary>
/// Checks detached and cleartext signatures against a key (its primary or any bound subkey). Malformed signatures
/// throw <see cref="OpenPgpException"/>; well-formed ones that are from another key, of a non-document type, or do
/// not match the data give <see cref="VerificationResult.Valid"/> = false. Only SHA-2 signatures are checked (others
/// are <see cref="OpenPgpErrorKind.Unsupported"/>). Stateless and thread-safe.
/// </summary>
public static class SignatureVerifier
{
    private const string SignatureLabel = "PGP SIGNATURE";

    /// <summary>Verifies a detached signature, binary or an armored "PGP SIGNATURE" block, over <paramref name="data"/>.</summary>
    public static VerificationResult VerifyDetached(OpenPgpKey key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        return VerifyDetached(key.PublicRing, data, signature);
    }

    /// <summary>Verifies a detached signature over everything <paramref name="data"/> yields.</summary>
    public static async Task<VerificationResult> VerifyDetachedAsync(OpenPgpKey key, Stream data, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(data);
        var (packet, publicKey) = Select(key.PublicRing, ParseDetached(signature.Span));
        var hash = StartHash(packet);
        await DocumentHasher.AppendAsync(hash, packet.SignatureType == SignatureCore.CanonicalTextDocument, data, cancellationToken).ConfigureAwait(false);
        return Conclude(packet, publicKey, hash, null);
    }

    /// <summary>Verifies a cleartext-signed message (e.g. an apt InRelease file) and returns its signed text.</summary>
    public static VerificationResult VerifyCleartext(OpenPgpKey key, string signedMessage)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(signedMessage);
        return VerifyCleartext(key.PublicRing, Encoding.UTF8.GetBytes(signedMessage));
    }

    /// <summary>Verifies a cleartext-signed message given as bytes (exact, whatever its text encoding).</summary>
    public static VerificationResult VerifyCleartext(OpenPgpKey key, ReadOnlySpan<byte> signedMessage)
    {
        ArgumentNullException.ThrowIfNull(key);
        return VerifyCleartext(key.PublicRing, signedMessage);
    }

    internal static VerificationResult VerifyDetached(PgpPublicKeyRing ring, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        VerifyDocument(ring, ParseDetached(signature), data);

    /// <summary>Checks already parsed document signatures (detached, or from inside a signed message) over <paramref name="data"/>.</summary>
    internal static VerificationResult VerifyDocument(PgpPublicKeyRing ring, IReadOnlyList<SignaturePacket> signatures, ReadOnlySpan<byte> data)
    {
        var (packet, publicKey) = Select(ring, signatures);
        var hash = StartHash(packet);
        DocumentHasher.Append(hash, packet.SignatureType == SignatureCore.CanonicalTextDocument, data);
        return Conclude(packet, publicKey, hash, null);
    }

    internal static VerificationResult VerifyCleartext(PgpPublicKeyRing ring, ReadOnlySpan<byte> signedMessage)
    {
        // Latin-1 maps bytes to chars one to one, so the signed bytes are reproduced exactly whatever the charset.
        var (hashNames, lines, signature) = CleartextFormat.Parse(Encoding.Latin1.GetString(signedMessage));
        var (packet, publicKey) = Select(ring, ParseSignatures(signature));
        var hash = StartHash(packet);
        hash.Append(CleartextFormat.SignedBytes(lines, Encoding.Latin1));
        var text = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(string.Concat(lines.Select(line => line + "\n"))));
        var result = Conclude(packet, publicKey, hash, text);

        // A Hash header that does not name the signature's digest is a tampered or broken message (gpg refuses it too).
        var named = hashNames.Count == 0 || hashNames.Contains(Sha2Family.Name(result.Hash), StringComparer.OrdinalIgnoreCase);
        return named ? result : result with { Valid = false };
    }

    private static List<SignaturePacket> ParseDetached(ReadOnlySpan<byte> signature) =>
        ParseSignatures(ArmorReader.ReadBinaryOrArmored(signature, SignatureLabel));

    private static List<SignaturePacket> ParseSignatures(byte[] binary)
    {
        var packets = PacketReader.ReadAll(binary);
        if (packets.Exists(p => p.Tag != PacketTag.Signature))
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the data is not a detached signature (it contains other OpenPGP packets)");
        }

        return [.. packets.Select(p => SignaturePacket.Parse(p.Body.Span))];
    }

    /// <summary>The first signature issued by one of the ring's keys, else the first signature (to report who made it).</summary>
    private static (SignaturePacket Packet, PgpPublicKey? Key) Select(PgpPublicKeyRing ring, IReadOnlyList<SignaturePacket> signatures)
    {
        foreach (var signature in signatures)
        {
            var facts = signature.ReadFacts();
            var key = ring.GetPublicKeys().FirstOrDefault(k => facts.IssuerKeyId is { } id && (ulong)k.KeyId == id);
            if (key is not null)
            {
                return (signature, key);
            }
        }

        return (signatures[0], null);
    }

    private static ISha2Core StartHash(SignaturePacket packet)
    {
        var hash = (HashAlgorithm)packet.HashAlgorithm;
        if (!Sha2Family.IsDefined(hash))
        {
            throw new OpenPgpException(OpenPgpErrorKind.Unsupported, $"signatures with hash algorithm {packet.HashAlgorithm} are not supported (SHA-2 only)");
        }

        return Sha2Cores.Create(Sha2Cores.InitialState(hash));
    }

    private static VerificationResult Conclude(SignaturePacket packet, PgpPublicKey? publicKey, ISha2Core hashedData, string? signedText)
    {
        var facts = packet.ReadFacts();
        var hash = hashedData.Algorithm;
        hashedData.Append(packet.Trailer());
        var digest = new byte[Sha2Family.DigestSize(hash)];
        hashedData.Finish(digest);

        var isDocument = packet.SignatureType is SignatureCore.BinaryDocument or SignatureCore.CanonicalTextDocument;
        var valid = publicKey is not null
            && isDocument
            && !facts.HasUnknownCriticalSubpacket
            && packet.Left16 == ((digest[0] << 8) | digest[1])
            && RawVerifier.Verify(publicKey, packet.PublicKeyAlgorithm, hash, digest, packet.SignatureData);

        var fingerprint = facts.IssuerFingerprint ?? publicKey?.GetFingerprint();
        var keyId = facts.IssuerKeyId ?? (publicKey is null ? 0UL : (ulong)publicKey.KeyId);
        return new VerificationResult(
            valid,
            keyId.ToString("X16", CultureInfo.InvariantCulture),
            fingerprint is null ? null : Convert.ToHexString(fingerprint),
            facts.CreatedAt,
            hash,
            packet.SignatureType,
            signedText);
    }
}
