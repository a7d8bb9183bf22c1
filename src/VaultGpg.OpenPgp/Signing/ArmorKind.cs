namespace VaultGpg.OpenPgp.Signing;

/// <summary>The ASCII armor block types (RFC 4880 §6.2) this library writes.</summary>
public enum ArmorKind
{
    /// <summary><c>PGP SIGNATURE</c>: detached signatures.</summary>
    Signature,

    /// <summary><c>PGP MESSAGE</c>: encrypted or signed messages.</summary>
    Message,

    /// <summary><c>PGP PUBLIC KEY BLOCK</c>.</summary>
    PublicKey,

    /// <summary><c>PGP PRIVATE KEY BLOCK</c>.</summary>
    PrivateKey,
}
