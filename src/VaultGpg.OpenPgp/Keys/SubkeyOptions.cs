namespace VaultGpg.OpenPgp.Keys;

/// <summary>What subkey <see cref="SubkeyEditor.AddSubkey"/> adds.</summary>
public sealed record SubkeyOptions
{
    /// <summary>
    /// The algorithm family: <see cref="KeyType.Rsa"/> (sign and/or encrypt); <see cref="KeyType.Ed25519"/> gives an
    /// Ed25519 signing subkey or a Curve25519 (cv25519) encryption subkey; the NIST types give ECDSA or ECDH subkeys.
    /// Default <see cref="KeyType.Rsa"/>.
    /// </summary>
    public KeyType Type { get; init; } = KeyType.Rsa;

    /// <summary>Capabilities: <see cref="KeyUsage.Sign"/> (default), <see cref="KeyUsage.Encrypt"/>, or both for RSA.</summary>
    public KeyUsage Usage { get; init; } = KeyUsage.Sign;

    /// <summary>RSA modulus size: 2048, 3072 or 4096 (default). Ignored for other types.</summary>
    public int RsaBits { get; init; } = 4096;

    /// <summary>Lifetime of the subkey from its creation; null (default) for a subkey that never expires.</summary>
    public TimeSpan? ExpiresAfter { get; init; }
}
