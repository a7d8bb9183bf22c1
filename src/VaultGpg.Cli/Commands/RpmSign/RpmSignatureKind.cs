using VaultGpg.Cli.Signing;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.Rpm;

namespace VaultGpg.Cli.Commands.RpmSign;

/// <summary>
/// Which signature tags a packet goes into, by its public-key algorithm, following rpm (sign/rpmgensig.c): RSA → 268
/// (RSAHEADER), EdDSA and DSA → 267 (DSAHEADER); with <c>--rpmv6</c> also 278 (OPENPGP, base64). NIST ECDSA: rpm 4.18
/// cannot even import such a key, so it is refused unless only rpm 6's tag 278 is written (<c>--rpmv6</c>).
/// </summary>
internal static class RpmSignatureKind
{
    private const int Rsa = 1;
    private const int Dsa = 17;
    private const int Ecdsa = 19;
    private const int EdDsa = 22;

    public const string EcdsaRefusal =
        "ECDSA keys cannot sign RPMs for rpm 4.18 (it cannot import NIST ECDSA keys); use an RSA or Ed25519 key, or --rpmv6 to write only rpm 6's OPENPGP tag (rpm >= 4.20 imports the key, rpm 6 checks the signature)";

    /// <summary>The header entries for <paramref name="packet"/>, or the reason it cannot go into an RPM.</summary>
    public static (IReadOnlyList<RpmHeaderEntry> Entries, string? Error) EntriesFor(byte[] packet, SignatureInfo facts, bool rpmV6)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var v6 = RpmHeaderEntry.StringArray(RpmTags.OpenPgp, [Convert.ToBase64String(packet)]);
        return facts.PublicKeyAlgorithm switch
        {
            Rsa => (Legacy(RpmTags.RsaHeader, packet, rpmV6 ? v6 : null), null),
            Dsa or EdDsa => (Legacy(RpmTags.DsaHeader, packet, rpmV6 ? v6 : null), null),
            Ecdsa when rpmV6 => ([v6], null),
            Ecdsa => ([], EcdsaRefusal),
            var other => ([], $"public-key algorithm {other} cannot sign RPMs (RSA, Ed25519 or DSA can)"),
        };
    }

    /// <summary>Whether the key's signing key is NIST/Brainpool ECDSA, from the facts Vault gives (null: unknown).</summary>
    public static bool IsEcdsa(Vault.KeyFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var signing = (facts.Subkeys ?? []).FirstOrDefault(s =>
            facts.SigningKeyFingerprint is not null && string.Equals(s.Fingerprint, facts.SigningKeyFingerprint, StringComparison.OrdinalIgnoreCase));
        var curve = signing is null ? facts.Curve : signing.Curve;
        return curve is not null && (curve.StartsWith("nistp", StringComparison.OrdinalIgnoreCase) || curve.StartsWith("brainpool", StringComparison.OrdinalIgnoreCase));
    }

    private static IReadOnlyList<RpmHeaderEntry> Legacy(int tag, byte[] packet, RpmHeaderEntry? v6) =>
        v6 is null ? [RpmHeaderEntry.Binary(tag, packet)] : [RpmHeaderEntry.Binary(tag, packet), v6];
}
