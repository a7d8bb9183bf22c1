using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.OpenPgp.Decryption;

/// <summary>How <see cref="MessageDecryptor.Decrypt(Keys.OpenPgpKey, ReadOnlySpan{byte}, DecryptOptions?, CancellationToken)"/> decrypts.</summary>
public sealed record DecryptOptions
{
    /// <summary>
    /// 64 MiB. Vault refuses requests over 32 MiB (max_request_size), so a message is at most 24 MiB of ciphertext
    /// after base64; 64 MiB leaves room for ordinary compression ratios while the answer (plaintext, base64, JSON and
    /// gRPC copies of it) stays within a few hundred MiB of memory.
    /// </summary>
    public const long DefaultMaxPlaintextBytes = 64L << 20;

    /// <summary>When set, the message must carry a valid signature by this key (its primary or a subkey), or
    /// decryption fails with <see cref="OpenPgpErrorKind.SignatureRequired"/>; default none.</summary>
    public OpenPgpKey? RequiredSigner { get; init; }

    /// <summary>The byte budget of the whole message after decompression, counted while inflating, so a compression
    /// bomb ends in an error after at most this much output; default <see cref="DefaultMaxPlaintextBytes"/>.</summary>
    public long MaxPlaintextBytes { get; init; } = DefaultMaxPlaintextBytes;

    /// <summary>The clock the signature's validity is judged by; default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
