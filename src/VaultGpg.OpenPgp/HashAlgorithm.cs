namespace VaultGpg.OpenPgp;

/// <summary>Hash algorithms for new signatures (RFC 4880 ids). MD5 and SHA-1 are deliberately absent.</summary>
public enum HashAlgorithm
{
    Sha256 = 8,
    Sha384 = 9,
    Sha512 = 10,
    Sha224 = 11,
}
