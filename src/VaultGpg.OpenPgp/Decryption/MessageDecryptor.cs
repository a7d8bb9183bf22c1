using System.Globalization;
using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Verification;

namespace VaultGpg.OpenPgp.Decryption;

/// <summary>
/// Decrypts messages encrypted to a key's RSA or ECDH (Curve25519, NIST) encryption keys, as <c>gpg --encrypt</c>
/// makes them: integrity-protected (SEIPD with MDC) only, optionally signed. Stateless and thread-safe.
/// </summary>
public static class MessageDecryptor
{
    /// <param name="key">The recipient key.</param>
    /// <param name="message">The message, binary or an armored "PGP MESSAGE" block.</param>
    /// <param name="options">Required signer and size limit; defaults when null.</param>
    /// <param name="cancellationToken">Checked while decompressing.</param>
    /// <exception cref="OpenPgpException">Malformed or tampered input, a message without integrity protection
    /// (<see cref="OpenPgpErrorKind.InvalidInput"/>), a message not for this key
    /// (<see cref="OpenPgpErrorKind.CannotDecrypt"/>), or a missing or bad required signature
    /// (<see cref="OpenPgpErrorKind.SignatureRequired"/>).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled while decompressing.</exception>
    public static DecryptResult Decrypt(OpenPgpKey key, ReadOnlySpan<byte> message, DecryptOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        options ??= new DecryptOptions();
        return Decrypt(key.DecryptionKeys, key.PublicRing, message, options.RequiredSigner?.PublicRing, options.MaxPlaintextBytes, options.TimeProvider.GetUtcNow(), cancellationToken);
    }

    internal static DecryptResult Decrypt(
        IReadOnlyList<DecryptionKey> keys,
        PgpPublicKeyRing ownRing,
        ReadOnlySpan<byte> message,
        PgpPublicKeyRing? requiredSigner,
        long maxPlaintextBytes,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (_, inner) = EncryptedMessage.Open(keys, message);
        var content = MessageContent.Parse(inner, maxPlaintextBytes, cancellationToken);
        var plaintext = content.Literal!;
        if (content.Signatures.Count == 0)
        {
            return requiredSigner is null
                ? new DecryptResult(plaintext, content.FileName, null, null)
                : throw new OpenPgpException(OpenPgpErrorKind.SignatureRequired, "the message is not signed, but a signature by the required signer key is needed");
        }

        var checkAgainst = requiredSigner ?? ownRing;
        var result = SignatureVerifier.VerifyDocument(checkAgainst, content.Signatures, plaintext, now);
        if (requiredSigner is not null && !result.Valid)
        {
            throw new OpenPgpException(OpenPgpErrorKind.SignatureRequired, $"the message is not validly signed by the required signer key (signed by {result.KeyId})");
        }

        var signedByCheckedKey = checkAgainst.GetPublicKeys().Any(k => ((ulong)k.KeyId).ToString("X16", CultureInfo.InvariantCulture) == result.KeyId);
        return new DecryptResult(plaintext, content.FileName, result.KeyId, signedByCheckedKey ? result.Valid : null);
    }
}
