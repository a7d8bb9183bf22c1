using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Verification;

/// <summary>
/// Checks detached and cleartext signatures against a key (its primary or any bound subkey) and answers what
/// <c>gpg --verify</c> (GnuPG 2.2) would say with the key imported: see <see cref="VerificationStatus"/> and
/// <see cref="SignatureJudge"/> for the rules. Key validity (bindings, back-signatures, flags, expiry, revocation) is
/// judged at the verification time on every call. Nothing about the signature throws: bytes that are not a readable
/// signature give <see cref="VerificationStatus.Malformed"/>. Stateless and thread-safe.
/// </summary>
public static class SignatureVerifier
{
    private const string SignatureLabel = "PGP SIGNATURE";

    /// <summary>Verifies a detached signature, binary or an armored "PGP SIGNATURE" block, over <paramref name="data"/>.</summary>
    /// <param name="key">The key whose primary or subkeys may have made the signature.</param>
    /// <param name="data">The signed data.</param>
    /// <param name="signature">The signature packet(s), binary or armored.</param>
    /// <param name="timeProvider">The clock validity and expiry are judged by (default: the system clock).</param>
    public static VerificationResult VerifyDetached(OpenPgpKey key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = Now(timeProvider);
        return TryParseDetached(signature, out var signatures, out var unreadable)
            ? VerifyDocument(key.PublicRing, () => key.EvaluateAt(now), signatures, data, now)
            : unreadable;
    }

    /// <summary>Verifies a detached signature over everything <paramref name="data"/> yields.</summary>
    public static async Task<VerificationResult> VerifyDetachedAsync(
        OpenPgpKey key, Stream data, ReadOnlyMemory<byte> signature, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(data);
        if (!TryParseDetached(signature.Span, out var signatures, out var unreadable))
        {
            return unreadable;
        }

        var now = Now(timeProvider);
        var judge = Judge(key.PublicRing, () => key.EvaluateAt(now), signatures, now);
        if (judge.BeforeDigest() is { } verdict)
        {
            return verdict;
        }

        var hash = Sha2Cores.Create(Sha2Cores.InitialState(judge.Hash));
        await DocumentHasher.AppendAsync(hash, judge.IsText, data, cancellationToken).ConfigureAwait(false);
        return Conclude(judge, hash);
    }

    /// <summary>Verifies a cleartext-signed message (e.g. an apt InRelease file) and returns its signed text.</summary>
    public static VerificationResult VerifyCleartext(OpenPgpKey key, string signedMessage, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(signedMessage);
        return VerifyCleartext(key, Encoding.UTF8.GetBytes(signedMessage), timeProvider);
    }

    /// <summary>Verifies a cleartext-signed message given as bytes (exact, whatever its text encoding).</summary>
    public static VerificationResult VerifyCleartext(OpenPgpKey key, ReadOnlySpan<byte> signedMessage, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = Now(timeProvider);
        return VerifyCleartext(key.PublicRing, () => key.EvaluateAt(now), signedMessage, now);
    }

    internal static VerificationResult VerifyDetached(PgpPublicKeyRing ring, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, DateTimeOffset now) =>
        TryParseDetached(signature, out var signatures, out var unreadable) ? VerifyDocument(ring, signatures, data, now) : unreadable;

    /// <summary>Checks already parsed document signatures (detached, or from inside a signed message) over <paramref name="data"/>.</summary>
    internal static VerificationResult VerifyDocument(PgpPublicKeyRing ring, IReadOnlyList<SignaturePacket> signatures, ReadOnlySpan<byte> data, DateTimeOffset now) =>
        VerifyDocument(ring, () => EvaluateRing(ring, now), signatures, data, now);

    internal static VerificationResult VerifyCleartext(PgpPublicKeyRing ring, ReadOnlySpan<byte> signedMessage, DateTimeOffset now) =>
        VerifyCleartext(ring, () => EvaluateRing(ring, now), signedMessage, now);

    private static VerificationResult VerifyDocument(
        PgpPublicKeyRing ring, Func<RingEvaluation> evaluate, IReadOnlyList<SignaturePacket> signatures, ReadOnlySpan<byte> data, DateTimeOffset now)
    {
        var judge = Judge(ring, evaluate, signatures, now);
        if (judge.BeforeDigest() is { } verdict)
        {
            return verdict;
        }

        var hash = Sha2Cores.Create(Sha2Cores.InitialState(judge.Hash));
        DocumentHasher.Append(hash, judge.IsText, data);
        return Conclude(judge, hash);
    }

    private static VerificationResult VerifyCleartext(PgpPublicKeyRing ring, Func<RingEvaluation> evaluate, ReadOnlySpan<byte> signedMessage, DateTimeOffset now)
    {
        // Latin-1 maps bytes to chars one to one, so the signed bytes are reproduced exactly whatever the charset.
        IReadOnlyList<string> hashNames;
        IReadOnlyList<string> lines;
        List<SignaturePacket> signatures;
        bool unsignedText;
        try
        {
            (hashNames, lines, var signature, unsignedText) = CleartextFormat.Parse(Encoding.Latin1.GetString(signedMessage));
            signatures = ParseSignatures(signature);
        }
        catch (OpenPgpException e)
        {
            return Unreadable(e);
        }

        var judge = Judge(ring, evaluate, signatures, now);
        var text = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(string.Concat(lines.Select(line => line + "\n"))));
        var verdict = judge.BeforeDigest();
        if (verdict is null)
        {
            // A Hash header that does not name the signature's digest is a tampered or broken message: gpg reports a
            // "signature digest conflict" before it looks at the key.
            if (hashNames.Count > 0 && !hashNames.Contains(Sha2Family.Name(judge.Hash), StringComparer.OrdinalIgnoreCase))
            {
                return SignatureJudge.Unreadable(VerificationStatus.Malformed, "the Hash header of the message does not name the signature's digest algorithm");
            }

            var hash = Sha2Cores.Create(Sha2Cores.InitialState(judge.Hash));
            hash.Append(CleartextFormat.SignedBytes(lines, Encoding.Latin1));
            verdict = Conclude(judge, hash);
        }

        return verdict with { SignedText = text, HasUnsignedText = unsignedText };
    }

    /// <summary>
    /// A bare ring (a message's required signer) has no self-signatures verified at load, so they are verified here;
    /// BouncyCastle does that by feeding data into the shared PgpSignature objects, hence one thread per ring at a time.
    /// </summary>
    private static RingEvaluation EvaluateRing(PgpPublicKeyRing ring, DateTimeOffset now)
    {
        lock (ring)
        {
            return KeyEvaluator.Evaluate(ring, now);
        }
    }

    private static DateTimeOffset Now(TimeProvider? timeProvider) => (timeProvider ?? TimeProvider.System).GetUtcNow();

    private static bool TryParseDetached(ReadOnlySpan<byte> signature, out List<SignaturePacket> signatures, out VerificationResult unreadable)
    {
        try
        {
            signatures = ParseSignatures(ArmorReader.ReadBinaryOrArmored(signature, SignatureLabel));
            unreadable = null!;
            return true;
        }
        catch (OpenPgpException e)
        {
            signatures = [];
            unreadable = Unreadable(e);
            return false;
        }
    }

    private static VerificationResult Unreadable(OpenPgpException e) =>
        SignatureJudge.Unreadable(
            e.Kind == OpenPgpErrorKind.Unsupported ? VerificationStatus.UnsupportedAlgorithm : VerificationStatus.Malformed,
            e.Message);

    private static List<SignaturePacket> ParseSignatures(byte[] binary) => SignaturePacket.ReadDetached(binary);

    /// <summary>Judges the first signature issued by one of the ring's keys, else the first signature (to report who made it).</summary>
    private static SignatureJudge Judge(PgpPublicKeyRing ring, Func<RingEvaluation> evaluate, IReadOnlyList<SignaturePacket> signatures, DateTimeOffset now)
    {
        foreach (var signature in signatures)
        {
            var facts = signature.ReadFacts();
            var key = ring.GetPublicKeys().FirstOrDefault(k => facts.IssuerKeyId is { } id && (ulong)k.KeyId == id);
            if (key is not null)
            {
                return new SignatureJudge(signature, key, evaluate, now);
            }
        }

        return new SignatureJudge(signatures[0], null, evaluate, now);
    }

    private static VerificationResult Conclude(SignatureJudge judge, ISha2Core hashedData)
    {
        bool matches;
        try
        {
            matches = judge.Matches(hashedData);
        }
        catch (OpenPgpException e)
        {
            return Unreadable(e);
        }

        return judge.AfterDigest(matches);
    }
}
