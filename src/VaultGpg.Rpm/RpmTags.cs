namespace VaultGpg.Rpm;

/// <summary>The tag numbers this library reads or writes (rpm's rpmtag.h; signature tags are 256 + n).</summary>
public static class RpmTags
{
    /// <summary>Region tag of the signature header (entry 0, trailer at the end of its data).</summary>
    public const int HeaderSignatures = 62;

    /// <summary>Region tag of the main header; v3 packages have none.</summary>
    public const int HeaderImmutable = 63;

    /// <summary>Header-only OpenPGP signature by a DSA or EdDSA key (and ECDSA for rpm 6).</summary>
    public const int DsaHeader = 267;

    /// <summary>Header-only OpenPGP signature by an RSA key.</summary>
    public const int RsaHeader = 268;

    public const int Sha1Header = 269;

    public const int Sha256Header = 273;

    /// <summary>rpm 6: base64 OpenPGP signatures on the header, one per element.</summary>
    public const int OpenPgp = 278;

    /// <summary>Reserved space of v6 packages' signature headers.</summary>
    public const int Reserved = 999;

    /// <summary>Header+payload signatures (rpm v3 style): RSA, MD5 is 1004, DSA/EdDSA, PGP5.</summary>
    public const int Pgp = 1002;

    public const int Gpg = 1005;

    public const int Pgp5 = 1006;

    /// <summary>Zero bytes that let a signature be added in place; the highest tag, so its data comes last.</summary>
    public const int ReservedSpace = 1008;

    /// <summary>Main header: the payload digest (and its alternative), present in packages built by rpm 4.14 and later.</summary>
    public const int PayloadDigest = 5092;

    public const int PayloadDigestAlt = 5097;

    /// <summary>Main header: the package format (6 for v6 packages).</summary>
    public const int RpmFormat = 5114;

    /// <summary>The tags rpmsign 4.18 removes before it adds a new signature (sign/rpmgensig.c, deleteSigs).</summary>
    public static IReadOnlyList<int> Signatures { get; } = [Gpg, Pgp, DsaHeader, RsaHeader, Pgp5];
}
