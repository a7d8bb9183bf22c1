namespace VaultGpg.Attestation;

/// <summary>
/// One signature of an attestation: the signer's key ID as the document names it (lower-case; an in-toto key ID, an
/// OpenPGP fingerprint, or empty in a DSSE envelope that names none), the signature bytes, and for an OpenPGP
/// signature of <c>in-toto-run --gpg</c> its <c>other_headers</c> (the packet's version, type, algorithms and hashed
/// subpackets; <see cref="Value"/> is then the algorithm's signature values as securesystemslib stores them).
/// </summary>
public sealed record AttestationSignature(string KeyId, byte[] Value, byte[]? OpenPgpHeaders);
