namespace VaultGpg.TestSupport;

/// <summary>
/// What gpg said about one signature, parsed from GOODSIG/BADSIG/ERRSIG/VALIDSIG. <see cref="Good"/> is what a test
/// of validity asserts (<see cref="GpgResult.IsGood"/>); <see cref="Valid"/> only says VALIDSIG was printed, which gpg
/// also does for expired signatures and expired or revoked keys.
/// <see cref="Fingerprint"/> is the fingerprint of the key that made the signature (a subkey if a subkey signed),
/// <see cref="PrimaryFingerprint"/> that of its primary key; both upper-case hex as gpg prints them.
/// </summary>
public sealed record GpgSignatureStatus(
    bool Good,
    bool Valid,
    string? KeyId,
    string? Fingerprint,
    string? PrimaryFingerprint,
    int? PublicKeyAlgorithm,
    int? HashAlgorithm,
    int? SignatureClass,
    DateTimeOffset? CreationTime)
{
    public static GpgSignatureStatus From(GpgResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var good = result.StatusOf("GOODSIG").FirstOrDefault();
        var bad = result.StatusOf("BADSIG").FirstOrDefault();
        var err = result.StatusOf("ERRSIG").FirstOrDefault();
        var valid = result.StatusOf("VALIDSIG").FirstOrDefault();
        var keyId = FirstArgument(good ?? bad) ?? FirstArgument(err);

        if (valid is not null)
        {
            // VALIDSIG <fpr> <date> <sig-timestamp> <expire> <version> <reserved> <pk-algo> <hash-algo> <class> <primary-fpr>
            var a = valid.Arguments;
            return new GpgSignatureStatus(
                Good: result.IsGood,
                Valid: true,
                KeyId: keyId,
                Fingerprint: a[0],
                PrimaryFingerprint: a.Count > 9 ? a[9] : null,
                PublicKeyAlgorithm: int.Parse(a[6], System.Globalization.CultureInfo.InvariantCulture),
                HashAlgorithm: int.Parse(a[7], System.Globalization.CultureInfo.InvariantCulture),
                SignatureClass: Convert.ToInt32(a[8], 16),
                CreationTime: ParseTime(a[2]));
        }

        if (err is not null)
        {
            // ERRSIG <keyid> <pkalgo> <hashalgo> <sig_class> <time> <rc> [<fpr>]
            var a = err.Arguments;
            return new GpgSignatureStatus(
                false, false, keyId, a.Count > 6 ? a[6] : null, null,
                int.Parse(a[1], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(a[2], System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt32(a[3], 16),
                ParseTime(a[4]));
        }

        return new GpgSignatureStatus(result.IsGood, false, keyId, null, null, null, null, null, null);
    }

    private static string? FirstArgument(GpgStatusLine? line) => line is { Arguments.Count: > 0 } ? line.Arguments[0] : null;

    private static DateTimeOffset? ParseTime(string value) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
