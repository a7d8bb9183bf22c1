using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.OpenPgp.Decryption;

/// <summary>How <see cref="MessageDecryptor.Decrypt(Keys.OpenPgpKey, ReadOnlySpan{byte}, DecryptOptions?)"/> decrypts.</summary>
public sealed record DecryptOptions
{
    /// <summary>When set, the message must carry a valid signature by this key (its primary or a subkey), or
    /// decryption fails with <see cref="OpenPgpErrorKind.SignatureRequired"/>; default none.</summary>
    public OpenPgpKey? RequiredSigner { get; init; }

    /// <summary>Upper bound on the plaintext after decompression (guards against compression bombs); default 256 MiB.</summary>
    public long MaxPlaintextBytes { get; init; } = 256L << 20;

    /// <summary>The clock the signature's validity is judged by; default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
