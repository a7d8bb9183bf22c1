using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.OpenPgp.Decryption;

/// <summary>Recovers a message's session key, as <c>gpg --show-session-key</c> prints it.</summary>
public static class SessionKeyReader
{
    /// <summary>The session key in GnuPG's <c>ALGO:HEX</c> form, e.g. <c>9:4F1C…</c> for AES-256. When the message holds
    /// its encrypted data, its integrity check is verified first, so a key is only returned for a message it really
    /// decrypts; a message cut right after its encrypted session key packets is enough to read the key, as with the
    /// Go plugin.</summary>
    /// <exception cref="OpenPgpException">As for <see cref="MessageDecryptor.Decrypt(Keys.OpenPgpKey, ReadOnlySpan{byte}, DecryptOptions?, CancellationToken)"/>.</exception>
    public static string Read(OpenPgpKey key, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Read(key.DecryptionKeys, message);
    }

    internal static string Read(IReadOnlyList<DecryptionKey> keys, ReadOnlySpan<byte> message) =>
        EncryptedMessage.ReadSessionKey(keys, message).ToGnuPgString();
}
