namespace VaultGpg.OpenPgp.Signing;

/// <summary>How <see cref="OpenPgpSigner.SignDetached(Keys.OpenPgpKey, ReadOnlySpan{byte}, SignOptions?)"/> signs.</summary>
public sealed record SignOptions
{
    /// <summary>The digest; default SHA-256. MD5 and SHA-1 are not offered for new signatures.</summary>
    public HashAlgorithm Hash { get; init; } = HashAlgorithm.Sha256;

    /// <summary>Return an ASCII-armored "PGP SIGNATURE" block instead of the binary packet; default false.</summary>
    public bool Armored { get; init; }

    /// <summary>Sign as canonical text (signature type 0x01; LF becomes CRLF before hashing) instead of binary
    /// (0x00); default false.</summary>
    public bool TextMode { get; init; }

    /// <summary>The signature creation time; default now, from the signer's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>How long after its creation the signature expires (whole seconds); null or zero, the default, means
    /// it never expires.</summary>
    public TimeSpan? ExpiresAfter { get; init; }
}
