namespace VaultGpg.OpenPgp.Keys;

/// <summary>What certification <see cref="KeyCertifier.Certify"/> makes.</summary>
public sealed record CertificationOptions
{
    /// <summary>The certification type. Default <see cref="CertificationType.Generic"/>, as <c>gpg --sign-key</c>.</summary>
    public CertificationType Type { get; init; } = CertificationType.Generic;

    /// <summary>Lifetime of the certification from its creation; null (default) for one that never expires.</summary>
    public TimeSpan? ExpiresAfter { get; init; }

    /// <summary>
    /// False makes a local certification (<c>gpg --lsign-key</c>): the signature carries a critical "exportable: no"
    /// subpacket, and gpg drops it on export and import unless told to keep local signatures. Default true.
    /// </summary>
    public bool Exportable { get; init; } = true;
}
