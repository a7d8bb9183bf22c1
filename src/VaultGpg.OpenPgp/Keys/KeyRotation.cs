namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Replaces a key's signing key with a new signing subkey, with an overlap. OpenPGP has no "valid from": the new
/// subkey's creation time (and that of its binding) is set to the moment it is to start signing. GnuPG signs with the
/// newest valid signing subkey and does not use a subkey created in the future (getkey.c finish_lookup: "subkey not
/// yet valid"), and so does <see cref="OpenPgpKey"/>: until then the previous signing key keeps signing, afterwards
/// the new one does, for gpg and for this library alike. gpg imports such a key and warns that the subkey "was created
/// N seconds in the future" until that time. The previous subkeys stay for verification; the previous signing subkey
/// can be given an expiry at the end of the overlap (or be revoked separately).
/// </summary>
public sealed class KeyRotation
{
    private readonly TimeProvider _timeProvider;

    public KeyRotation(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <exception cref="OpenPgpException"><see cref="OpenPgpErrorKind.InvalidInput"/> for a verify-only key or one
    /// without its secret primary key, a start in the past, a previous expiry before the start or for a previous
    /// signing key that is the primary key, or subkey options that do not fit.</exception>
    public RotatedKey Rotate(OpenPgpKey key, RotationOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        var now = DateTimeOffset.FromUnixTimeSeconds(_timeProvider.GetUtcNow().ToUnixTimeSeconds());
        var from = options.SignsFrom is { } at ? DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds()) : now;
        if (from < now)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, $"the new subkey cannot start signing in the past ({KeyStateText.Rfc3339(from)})");
        }

        // The key that would sign just before the new one takes over.
        var previous = key.DescribeAt(from).SigningKeyFingerprint;
        var subkeyOptions = new SubkeyOptions { Type = options.Type, Usage = KeyUsage.Sign, RsaBits = options.RsaBits, ExpiresAfter = options.ExpiresAfter };
        var added = new SubkeyEditor(_timeProvider).AddSubkeyCreatedAt(key, subkeyOptions, from);
        var rotated = added.Key;
        if (options.PreviousExpiresAt is { } previousExpiry)
        {
            if (previous is null || previous == key.Info.Fingerprint)
            {
                throw new OpenPgpException(
                    OpenPgpErrorKind.InvalidInput,
                    previous is null
                        ? "no key signs before the new subkey, so there is no previous signing subkey to expire"
                        : "the previous signing key is the primary key; expiring it would expire the whole key");
            }

            if (previousExpiry < from)
            {
                throw new OpenPgpException(
                    OpenPgpErrorKind.InvalidInput,
                    $"the previous signing subkey cannot expire ({KeyStateText.Rfc3339(previousExpiry)}) before the new one starts signing ({KeyStateText.Rfc3339(from)})");
            }

            rotated = new ExpiryEditor(_timeProvider).SetExpiry(rotated, primary: false, [previous], previousExpiry);
        }

        return new RotatedKey(rotated, rotated.Info.FindSubkey(added.Subkey.Fingerprint)!, from, previous);
    }
}
