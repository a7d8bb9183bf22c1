namespace VaultGpg.OpenPgp.Signing;

/// <summary>How <see cref="OpenPgpSigner.SignHashState(Keys.OpenPgpKey, ReadOnlySpan{byte}, HashStateSignOptions?)"/> signs. The hash algorithm is the state's own, and the
/// signature type is always 0x00 (binary document): neither can be chosen.</summary>
public sealed record HashStateSignOptions
{
    /// <summary>Return an ASCII-armored "PGP SIGNATURE" block instead of the binary packet; default false.</summary>
    public bool Armored { get; init; }

    /// <summary>The signature creation time; default now, from the signer's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>How long after its creation the signature expires (whole seconds); null or zero, the default, means
    /// it never expires.</summary>
    public TimeSpan? ExpiresAfter { get; init; }
}
