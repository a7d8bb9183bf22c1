using System.Security.Cryptography;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// String-to-key (RFC 4880 §3.7): turns a passphrase into a symmetric key. gpg 2.2 exports with up to 65 million
/// bytes hashed per key; BouncyCastle's managed SHA-1 needs over a second for that, the platform hash (OpenSSL) a few
/// tens of milliseconds. So SHA-1/SHA-2 run here natively, and anything else (MD5-era keys, SHA-224, RIPEMD-160)
/// falls back to BouncyCastle.
/// </summary>
internal static class S2kKeyDerivation
{
    private const int BlockBytes = 64 * 1024;

    public static byte[] DeriveKey(S2k? s2k, SymmetricKeyAlgorithmTag cipher, byte[] rawPassphrase)
    {
        var keyLength = PgpUtilities.GetKeySize(cipher) / 8;
        if (s2k is null || NativeHash(s2k.HashAlgorithm) is not { } hashName
            || s2k.Type is not (S2k.Simple or S2k.Salted or S2k.SaltedAndIterated))
        {
            // Legacy protection (no S2K specifier: MD5 of the passphrase) and unusual hashes.
            return PgpUtilities.MakeKeyFromPassPhraseRaw(cipher, s2k, rawPassphrase).GetKey();
        }

        var salt = s2k.Type == S2k.Simple ? [] : s2k.GetIV();
        var count = s2k.Type == S2k.SaltedAndIterated ? s2k.IterationCount : 0;
        return DeriveKey(hashName, salt, rawPassphrase, count, keyLength);
    }

    /// <summary>
    /// Hashes salt‖passphrase repeated up to <paramref name="count"/> bytes (at least once). Keys longer than one
    /// digest use further hash contexts preloaded with 1, 2, … zero bytes, as RFC 4880 §3.7.1.1 says.
    /// </summary>
    public static byte[] DeriveKey(HashAlgorithmName hashName, byte[] salt, byte[] rawPassphrase, long count, int keyLength)
    {
        var unitLength = salt.Length + rawPassphrase.Length;

        // salt‖passphrase repeated into one block of about 64 KiB, so the hash is fed in large appends (a
        // passphrase of a few bytes would otherwise cost millions of calls at gpg's maximum count).
        var unit = new byte[unitLength == 0 ? 0 : Math.Max(1, BlockBytes / unitLength) * unitLength];
        for (var at = 0; at < unit.Length; at += unitLength)
        {
            salt.CopyTo(unit, at);
            rawPassphrase.CopyTo(unit, at + salt.Length);
        }

        var key = new byte[keyLength];
        try
        {
            for (int filled = 0, preload = 0; filled < keyLength; preload++)
            {
                using var hash = IncrementalHash.CreateHash(hashName);
                hash.AppendData(new byte[preload]);
                var remaining = Math.Max(count, unitLength);
                while (remaining >= unit.Length && unit.Length > 0)
                {
                    hash.AppendData(unit);
                    remaining -= unit.Length;
                }

                if (remaining > 0)
                {
                    hash.AppendData(unit, 0, (int)remaining);
                }

                var digest = hash.GetHashAndReset();
                var take = Math.Min(digest.Length, keyLength - filled);
                digest.AsSpan(0, take).CopyTo(key.AsSpan(filled));
                CryptographicOperations.ZeroMemory(digest);
                filled += take;
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(unit);
        }
    }

    private static HashAlgorithmName? NativeHash(HashAlgorithmTag hash) => hash switch
    {
        HashAlgorithmTag.Sha1 => HashAlgorithmName.SHA1,
        HashAlgorithmTag.Sha256 => HashAlgorithmName.SHA256,
        HashAlgorithmTag.Sha384 => HashAlgorithmName.SHA384,
        HashAlgorithmTag.Sha512 => HashAlgorithmName.SHA512,
        _ => null,
    };
}
