namespace VaultGpg.OpenPgp;

/// <summary>Why an OpenPGP operation refused its input. Callers map these to user errors; none of them is a bug.</summary>
public enum OpenPgpErrorKind
{
    /// <summary>The input is not well-formed OpenPGP (bad armor, truncated or absurd packets, random bytes).</summary>
    MalformedInput,

    /// <summary>The input is well-formed but not what the operation needs (a public key where a secret key is needed,
    /// several keys in one block, a message without integrity protection).</summary>
    InvalidInput,

    /// <summary>The passphrase does not unlock the key, or a protected key came without one.</summary>
    WrongPassphrase,

    /// <summary>The key has no usable signing capability.</summary>
    CannotSign,

    /// <summary>The key has no usable decryption key for the message.</summary>
    CannotDecrypt,

    /// <summary>A valid request for something this library does not do (an algorithm, an S2K mode, a packet version).</summary>
    Unsupported,

    /// <summary>A signature was required from a specific signer and is missing or does not verify.</summary>
    SignatureRequired,

    /// <summary>The input may be well-formed but needs more work or memory than one request may spend: a message that
    /// decompresses past its budget, a key too large, with too many subkeys or self-signatures, or protected with
    /// more S2K work than allowed. The message names the limit.</summary>
    LimitExceeded,
}
