namespace VaultGpg.OpenPgp.Decryption;

/// <summary>A decrypted message.</summary>
/// <param name="Plaintext">The literal data.</param>
/// <param name="FileName">The file name the sender recorded in the literal data packet, if any.</param>
/// <param name="SignerKeyId">The issuer key ID (16 upper-case hex digits) of the message's signature, null when unsigned.</param>
/// <param name="SignatureValid">Whether that signature verifies: checked against the required signer when one was
/// given, else against the decrypting key itself when it made the signature; null when it could not be checked.</param>
public sealed record DecryptResult(byte[] Plaintext, string? FileName, string? SignerKeyId, bool? SignatureValid);
