namespace VaultGpg.OpenPgp.Verification;

/// <summary>
/// The verdict on a signature, one value per distinct outcome of <c>gpg --verify</c> (GnuPG 2.2, the key imported),
/// named after gpg's status line or error code. Only <see cref="Good"/> is a valid signature.
/// </summary>
public enum VerificationStatus
{
    /// <summary>GOODSIG: by a valid signing key, matches the data, neither it nor the key expired or revoked.</summary>
    Good,

    /// <summary>BADSIG: the signature does not match the data (or was made by another key with the same key ID).</summary>
    Bad,

    /// <summary>BADSIG: a critical subpacket or critical notation GnuPG does not understand ("unknown critical bit").</summary>
    UnknownCritical,

    /// <summary>EXPSIG: the signature matches but its own expiration time has passed.</summary>
    ExpiredSignature,

    /// <summary>EXPKEYSIG: the signature matches but the signing key (or its primary key) has expired, whenever it signed.</summary>
    ExpiredKey,

    /// <summary>REVKEYSIG: the signature matches but the signing key (or its primary key) is revoked, whenever it signed.</summary>
    RevokedKey,

    /// <summary>ERRSIG, NO_PUBKEY: the issuer is not the key (nor one of its subkeys).</summary>
    NoPublicKey,

    /// <summary>ERRSIG, Bad public key: the issuer subkey has no valid binding, or the primary key no valid self-signature.</summary>
    InvalidKey,

    /// <summary>ERRSIG, General error: a signing subkey without a valid back-signature ("not cross-certified").</summary>
    NotCrossCertified,

    /// <summary>ERRSIG, Wrong key usage: the issuing key's flags do not allow signing data (certify, encrypt or
    /// authenticate only).</summary>
    WrongKeyUsage,

    /// <summary>ERRSIG, Time conflict: the signature is older than its key, has no creation time, or the key was created
    /// in the future.</summary>
    TimeConflict,

    /// <summary>SHA-1, MD5 or RIPEMD-160 (ERRSIG for MD5; gpg 2.2 still accepts SHA-1, this engine does not, as Sequoia),
    /// or an ECDSA signature whose hash is shorter than the curve needs (ERRSIG).</summary>
    WeakHash,

    /// <summary>ERRSIG: a hash or public-key algorithm, or a signature version, this verifier does not implement.</summary>
    UnsupportedAlgorithm,

    /// <summary>ERRSIG, Invalid signature class: not a binary or text document signature (a key certification, ...).</summary>
    WrongSignatureType,

    /// <summary>Not a signature at all (garbage bytes, a truncated or malformed packet, other packets, a cleartext
    /// message whose Hash header contradicts its signature): gpg finds no signature to check.</summary>
    Malformed,
}
