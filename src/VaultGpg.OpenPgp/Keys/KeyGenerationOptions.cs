namespace VaultGpg.OpenPgp.Keys;

/// <summary>What key to generate. The user ID is "RealName (Comment) &lt;Email&gt;", leaving out absent parts;
/// at least a real name or an email is required.</summary>
public sealed record KeyGenerationOptions
{
    /// <summary>Key type. Default <see cref="KeyType.Rsa"/>.</summary>
    public KeyType Type { get; init; } = KeyType.Rsa;

    /// <summary>RSA modulus size: 2048, 3072 (default, as GnuPG) or 4096. Ignored for other types.</summary>
    public int RsaBits { get; init; } = 3072;

    /// <summary>Real name; no control characters and none of &lt; &gt; ( ).</summary>
    public string? RealName { get; init; }

    /// <summary>Comment; no control characters and none of &lt; &gt; ( ).</summary>
    public string? Comment { get; init; }

    /// <summary>Email address (local@domain.tld).</summary>
    public string? Email { get; init; }

    /// <summary>Lifetime of the key (key expiration time subpacket); null (default) for a key that never expires.</summary>
    public TimeSpan? ExpiresAfter { get; init; }
}
