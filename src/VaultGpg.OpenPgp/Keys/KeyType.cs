namespace VaultGpg.OpenPgp.Keys;

/// <summary>The kinds of key <see cref="KeyGenerator"/> makes; each comes with a matching encryption subkey.</summary>
public enum KeyType
{
    /// <summary>RSA primary (certify+sign) and RSA encryption subkey of <see cref="KeyGenerationOptions.RsaBits"/>.</summary>
    Rsa,

    /// <summary>Ed25519 primary as GnuPG 2.2 writes it (EdDSA, algorithm 22, OID 1.3.6.1.4.1.11591.15.1) and a Curve25519 ECDH subkey.</summary>
    Ed25519,

    /// <summary>ECDSA NIST P-256 primary and ECDH P-256 subkey (SHA-256/AES-128 KDF). rpm 4.18 does not accept NIST keys.</summary>
    EcdsaP256,

    /// <summary>ECDSA NIST P-384 primary and ECDH P-384 subkey (SHA-384/AES-256 KDF). rpm 4.18 does not accept NIST keys.</summary>
    EcdsaP384,
}
