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
    /// <see cref="OpenPgpErrorKind.WrongPassphrase"/>; <see cref="OpenPgpErrorKind.CannotSign"/> when no secret part can sign or decrypt (an expired or revoked key, or
    /// one that only decrypts, is imported: whether it can sign is judged per request);
    /// <see cref="OpenPgpErrorKind.Unsupported"/> for key versions or protections this library does not read.
    /// </exception>
    public OpenPgpKey Import(ReadOnlySpan<byte> keyData, KeyImportOptions? options = null)
    {
        options ??= KeyImportOptions.Default;
        var ring = KeyRingParser.ParseSingle(keyData, KeyDataLimits.MaxKeyBytes, untrusted: true);
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

        if (!key.IsVerifyOnly && !key.HasUsableSecretPart)
        {
            // An expired or revoked key, or one whose only secret part decrypts, is imported as gpg and the Go plugin
            // import it: signing refuses it later, with the reason, at the time of each request.
            throw new OpenPgpException(
                OpenPgpErrorKind.CannotSign,
                "the key has no secret part that can sign or decrypt (only offline stubs or secret parts of keys without such capabilities)");
        }

        return key;
    }

    /// <summary>Imports from text (an armored block).</summary>
    public OpenPgpKey Import(string armoredKey, KeyImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(armoredKey);
        return Import(System.Text.Encoding.UTF8.GetBytes(armoredKey), options);
    }
}
