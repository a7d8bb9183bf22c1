namespace VaultGpg.OpenPgp.Keys;

/// <summary>How <see cref="KeyRotation.Rotate"/> replaces the signing key.</summary>
public sealed record RotationOptions
{
    /// <summary>The new signing subkey's algorithm family (as <see cref="SubkeyOptions.Type"/>). Default Ed25519.</summary>
    public KeyType Type { get; init; } = KeyType.Ed25519;

    /// <summary>RSA modulus size: 2048, 3072 or 4096 (default 3072). Ignored for other types.</summary>
    public int RsaBits { get; init; } = 3072;

    /// <summary>When the new subkey starts signing: its creation time. Null (default) for now; never in the past.</summary>
    public DateTimeOffset? SignsFrom { get; init; }

    /// <summary>Lifetime of the new subkey from <see cref="SignsFrom"/>; null (default) for never.</summary>
    public TimeSpan? ExpiresAfter { get; init; }

    /// <summary>When the previous signing subkey expires (the overlap ends); null (default) leaves its expiry as it is.
    /// Must not be before <see cref="SignsFrom"/>, so that some key can always sign.</summary>
    public DateTimeOffset? PreviousExpiresAt { get; init; }
}
