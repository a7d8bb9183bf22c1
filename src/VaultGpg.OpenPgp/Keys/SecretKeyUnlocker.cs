using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Unlocks the secret parts of a ring once, with the passphrase (UTF-8, as GnuPG encodes it), and produces the
/// unprotected ring that is stored. Error messages never include the passphrase or key material, and the
/// underlying exception is not attached for decryption failures (its text may describe checksum values).
/// </summary>
internal static class SecretKeyUnlocker
{
    /// <summary>The unlocked private keys by key ID; gpg's offline stubs (no secret part) are absent.</summary>
    public static Dictionary<long, PgpPrivateKey> Unlock(PgpSecretKeyRing ring, string? passphrase, bool checkConsistency)
    {
        var raw = passphrase is null ? null : Encoding.UTF8.GetBytes(passphrase);
        var unlocked = new Dictionary<long, PgpPrivateKey>();
        try
        {
            foreach (var secretKey in ring.GetSecretKeys())
            {
                if (IsStub(secretKey))
                {
                    continue;
                }

                var privateKey = Extract(secretKey, raw);
                if (checkConsistency && !KeyConsistency.Matches(secretKey.PublicKey, privateKey))
                {
                    throw IsProtected(secretKey)
                        ? WrongPassphrase()
                        : new OpenPgpException(OpenPgpErrorKind.MalformedInput, $"secret key {KeyFacts.KeyId(secretKey.KeyId)} does not match its public key");
                }

                unlocked[secretKey.KeyId] = privateKey;
            }
        }
        finally
        {
            if (raw is not null)
            {
                Array.Clear(raw);
            }
        }

        return unlocked;
    }

    /// <summary>The same ring with every secret part stored unprotected (S2K usage 0, 16-bit checksum).</summary>
    public static PgpSecretKeyRing Unprotect(PgpSecretKeyRing ring, string? passphrase)
    {
        if (!ring.GetSecretKeys().Any(k => !IsStub(k) && IsProtected(k)))
        {
            return ring;
        }

        var raw = Encoding.UTF8.GetBytes(passphrase ?? string.Empty);
        try
        {
            var random = new SecureRandom();
            var keys = ring.GetSecretKeys()
                .Select(k => IsStub(k) || !IsProtected(k)
                    ? k
                    : PgpSecretKey.CopyWithNewPasswordRaw(k, raw, [], SymmetricKeyAlgorithmTag.Null, random))
                .ToList();
            return KeyEncoding.SecretRingOf(keys, ring.GetExtraPublicKeys());
        }
        catch (PgpException)
        {
            // Unlock() has already proven the passphrase; reaching this means the key data changed under us.
            throw WrongPassphrase();
        }
        finally
        {
            Array.Clear(raw);
        }
    }

    /// <summary>True for gpg's "GNU dummy" S2K (secret part offline or on a card) and empty secret parts.</summary>
    public static bool IsStub(PgpSecretKey key) =>
        key.IsPrivateKeyEmpty || key.S2k is { Type: S2k.GnuDummyS2K };

    private static bool IsProtected(PgpSecretKey key) => key.S2kUsage != SecretKeyPacket.UsageNone;

    private static PgpPrivateKey Extract(PgpSecretKey secretKey, byte[]? rawPassphrase)
    {
        if (IsProtected(secretKey))
        {
            if (secretKey.S2kUsage == SecretKeyPacket.UsageAead || secretKey.S2k is { Type: S2k.Argon2 })
            {
                throw new OpenPgpException(OpenPgpErrorKind.Unsupported, "the key is protected with AEAD or Argon2, which GnuPG 2.2 does not write and this library does not read");
            }

            if (rawPassphrase is null)
            {
                throw new OpenPgpException(OpenPgpErrorKind.WrongPassphrase, "the key is protected by a passphrase and none was given");
            }
        }

        try
        {
            return secretKey.ExtractPrivateKeyRaw(rawPassphrase ?? [])
                ?? throw new OpenPgpException(OpenPgpErrorKind.MalformedInput, "secret key data is missing");
        }
        catch (Exception ex) when (ParserFailure.IsParserFailure(ex))
        {
            // With protection, a failed checksum or unparsable plaintext both mean the passphrase is wrong (or the data
            // is damaged, which we cannot tell apart); without protection the data itself is bad.
            throw IsProtected(secretKey)
                ? WrongPassphrase()
                : new OpenPgpException(OpenPgpErrorKind.MalformedInput, $"secret key {KeyFacts.KeyId(secretKey.KeyId)} is malformed");
        }
    }

    private static OpenPgpException WrongPassphrase() =>
        new(OpenPgpErrorKind.WrongPassphrase, "the passphrase does not unlock the secret key");
}
