using System.Globalization;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Verification.Differential;

/// <summary>gpg's verdict on one signature, reduced to its status line: GOODSIG, EXPSIG, EXPKEYSIG, REVKEYSIG,
/// BADSIG, "ERRSIG rc" (rc = gpg-error code), or NONE when gpg found no signature to check.</summary>
public sealed record GpgVerdict(string Line)
{
    private const int GeneralError = 1;
    private const int UnsupportedPublicKeyAlgorithm = 4;
    private const int DigestAlgorithm = 5;
    private const int BadPublicKey = 6;
    private const int NoPublicKey = 9;
    private const int SignatureClass = 32;
    private const int TimeConflict = 39;
    private const int WrongKeyUsage = 125;

    public bool IsGood => Line == "GOODSIG";

    public static GpgVerdict From(GpgResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var keyword in new[] { "GOODSIG", "EXPSIG", "EXPKEYSIG", "REVKEYSIG", "BADSIG" })
        {
            if (result.Has(keyword))
            {
                return new GpgVerdict(keyword);
            }
        }

        // ERRSIG <keyid> <pkalgo> <hashalgo> <class> <time> <rc> <fpr>
        return result.StatusOf("ERRSIG").FirstOrDefault() is { } error
            ? new GpgVerdict("ERRSIG " + error.Arguments[5])
            : new GpgVerdict("NONE");
    }

    /// <summary>The engine statuses that say what this status line says (mainproc.c check_sig_and_print and the
    /// error codes of sig-check.c).</summary>
    public IReadOnlyList<VerificationStatus> MatchingStatuses() => Line switch
    {
        "GOODSIG" => [VerificationStatus.Good],
        "EXPSIG" => [VerificationStatus.ExpiredSignature],
        "EXPKEYSIG" => [VerificationStatus.ExpiredKey],
        "REVKEYSIG" => [VerificationStatus.RevokedKey],
        "BADSIG" => [VerificationStatus.Bad, VerificationStatus.UnknownCritical],
        "NONE" => [VerificationStatus.Malformed],
        _ => int.Parse(Line["ERRSIG ".Length..], CultureInfo.InvariantCulture) switch
        {
            GeneralError => [VerificationStatus.NotCrossCertified, VerificationStatus.WeakHash],
            UnsupportedPublicKeyAlgorithm => [VerificationStatus.UnsupportedAlgorithm],
            DigestAlgorithm => [VerificationStatus.WeakHash, VerificationStatus.UnsupportedAlgorithm],
            BadPublicKey => [VerificationStatus.InvalidKey],
            // gpg does not import a key without a valid self-signature, nor a subkey without a valid binding (and a
            // key whose self-signatures lie in the future has none yet): it has no key to check with, where the
            // engine, which holds the key, says why the key is not valid.
            NoPublicKey => [VerificationStatus.NoPublicKey, VerificationStatus.InvalidKey],
            SignatureClass => [VerificationStatus.WrongSignatureType],
            TimeConflict => [VerificationStatus.TimeConflict],
            WrongKeyUsage => [VerificationStatus.WrongKeyUsage],
            _ => [],
        },
    };

    public override string ToString() => Line;
}
