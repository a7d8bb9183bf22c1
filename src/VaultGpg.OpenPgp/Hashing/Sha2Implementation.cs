namespace VaultGpg.OpenPgp.Hashing;

/// <summary>Which SHA-2 code runs a <see cref="ResumableHash"/>. Both produce identical digests and states.</summary>
internal enum Sha2Implementation
{
    /// <summary>OpenSSL's libcrypto when it loads and passes its self-check, otherwise managed.</summary>
    Default,

    /// <summary>OpenSSL's low-level SHA256_/SHA512_ functions through P/Invoke (native speed, SHA-NI where present).</summary>
    OpenSsl,

    /// <summary>Our own C# compression function (portable, several times slower).</summary>
    Managed,
}
