namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Imports one transferable key, ASCII-armored or binary, as GnuPG exports it (<c>gpg --export-secret-keys</c>, and
/// for verify-only keys <c>gpg --export</c>). Refusals are <see cref="OpenPgpException"/>s with a typed kind.
/// </summary>
public sealed class KeyImporter
{
    private readonly TimeProvider _timeProvider;

    public KeyImporter(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Parses, checks and unlocks the key.</summary>
    /// <exception cref="OpenPgpException">
    /// <see cref="OpenPgpErrorKind.MalformedInput"/> for data that is not a well-formed key (bad armor or checksum,
    /// truncated or absurd packets, random bytes); <see cref="OpenPgpErrorKind.InvalidInput"/> for several keys, a public
    /// key without <see cref="KeyImportOptions.AllowVerifyOnly"/>, or data that is not a key;
    /// <see cref="OpenPgpErrorKind.WrongPassphrase"/>; <see cref="OpenPgpErrorKind.CannotSign"/> when no valid key can sign;
    /// <see cref="OpenPgpErrorKind.Unsupported"/> for key versions or protections this library does not read.
    /// </exception>
    public OpenPgpKey Import(ReadOnlySpan<byte> keyData, KeyImportOptions? options = null)
    {
        options ??= KeyImportOptions.Default;
        var ring = KeyRingParser.ParseSingle(keyData, KeyDataLimits.MaxKeyBytes);
        if (ring is not Org.BouncyCastle.Bcpg.OpenPgp.PgpSecretKeyRing && !options.AllowVerifyOnly)
        {
            throw new OpenPgpException(
                OpenPgpErrorKind.InvalidInput,
                "the data holds only a public key; a secret key is needed to sign (import it as verify-only to check signatures only)");
        }

        var key = KeyLoader.Load(ring, options.Passphrase, isImport: true, _timeProvider);
        if (key.Info.UserIds.Count == 0)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "the key has no valid self-signed user ID");
        }

        if (!key.CanSign && !options.AllowVerifyOnly)
        {
            throw new OpenPgpException(OpenPgpErrorKind.CannotSign, WhyNoSigner(key.Info));
        }

        return key;
    }

    /// <summary>Imports from text (an armored block).</summary>
    public OpenPgpKey Import(string armoredKey, KeyImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(armoredKey);
        return Import(System.Text.Encoding.UTF8.GetBytes(armoredKey), options);
    }

    private static string WhyNoSigner(KeyInfo info)
    {
        if (info.IsRevoked)
        {
            return "the key is revoked and cannot sign";
        }

        if (info.IsExpired)
        {
            return $"the key expired on {info.ExpiresAt:yyyy-MM-dd} and cannot sign";
        }

        return "the key has no valid signing-capable key with its secret part (no signing flag, expired or revoked signing subkeys, or secret parts missing)";
    }
}
