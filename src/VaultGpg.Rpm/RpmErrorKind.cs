namespace VaultGpg.Rpm;

/// <summary>Why a package was refused.</summary>
public enum RpmErrorKind
{
    /// <summary>No RPM lead magic, or a lead rpm itself would refuse.</summary>
    NotRpm,

    /// <summary>A version 3 package (no immutable header region): rpmsign cannot sign these either.</summary>
    Version3,

    /// <summary>A header whose structure rpm would reject, or a file that ends inside one.</summary>
    CorruptHeader,

    /// <summary>A header digest (SHA256HEADER, SHA1HEADER) that does not match the main header.</summary>
    DigestMismatch,

    /// <summary>The lead or a header changed between reading and writing.</summary>
    ChangedWhileSigning,

    /// <summary>A valid package this library does not sign (no payload digest, v6 format, no room for the tag).</summary>
    Unsupported,
}
