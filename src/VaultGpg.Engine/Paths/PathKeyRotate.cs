using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Keys;
using VaultGpg.Engine.Log;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Paths;

/// <summary><c>keys/:name/rotate</c>: a new signing subkey that takes over at a chosen time, the old subkeys kept for
/// verification, the previous signing subkey optionally expiring after an overlap.</summary>
internal sealed class PathKeyRotate(KeyStore keys, KeyEvents keyEvents, TimeProvider timeProvider, ILogger<PathKeyRotate> log)
{
    private const string Now = "now";
    private const string Unchanged = "unchanged";

    private static readonly FieldSchema<string> Name = KeyFields.Name;

    private static readonly FieldSchema<string> KeyTypeField = Field.String(
        "key_type",
        "Type of the new signing subkey: rsa, ed25519, ecdsa-p256 or ecdsa-p384. Default: the type of the key that signs " +
        "now (ed25519 when none does).");

    private static readonly FieldSchema<int> KeyBits = Field.Int(
        "key_bits",
        "RSA modulus size of the new subkey: 2048, 3072 or 4096. Only for rsa. Default: the size of the RSA key that signs " +
        "now, else 3072.");

    private static readonly FieldSchema<string> SignsFrom = Field.String(
        "signs_from",
        "When the new subkey starts signing: an RFC 3339 time (not in the past), or \"now\". It becomes the subkey's " +
        "creation time: gpg, like this engine, does not sign with a subkey created in the future. Default: \"now\".",
        @default: Now);

    private static readonly FieldSchema<TimeSpan> Expires = Field.DurationSeconds(
        "expires",
        "Lifetime of the new subkey from signs_from, in seconds or as a duration such as 17520h; 0 means it never " +
        "expires. Default: 0.");

    private static readonly FieldSchema<TimeSpan> Overlap = Field.DurationSeconds(
        "overlap",
        "When given, the previous signing subkey expires this long after signs_from (0 for at signs_from); signatures " +
        "it made keep verifying until then. Not given (the default): its expiry stays as it is, and it can be revoked " +
        "or expired later.");

    public static PathDefinition[] Define(PathKeyRotate h) =>
    [
        new("keys/" + PathPatterns.Name(Name) + "/rotate")
        {
            Fields = [Name, KeyTypeField, KeyBits, SignsFrom, Expires, Overlap],
            Operations = { [Operation.Update] = new(h.RotateAsync) { Summary = "Add a signing subkey that takes over signing at a chosen time." } },
            HelpSynopsis = Synopsis,
            HelpDescription = Description,
        },
    ];

    private async Task<Response?> RotateAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        var now = timeProvider.GetUtcNow();
        var timing = ParseTiming(data, now);
        if (timing.Failed)
        {
            return timing.Problem.ToResponse();
        }

        RotatedKey? rotated = null;
        var edited = await keys.EditAsync(
            keyEvents,
            request,
            name,
            stored =>
            {
                var options = ParseOptions(data, stored.Key, now, timing.Value);
                if (options.Failed)
                {
                    return options.Problem;
                }

                rotated = new KeyRotation(timeProvider).Rotate(stored.Key, options.Value);
                var settings = $"signs_from={TimeValues.Unix(rotated.SignsFrom)} previous={(rotated.PreviousFingerprint is { } p ? WireHex.Lower(p) : "none")} " +
                    $"previous_expires={(options.Value.PreviousExpiresAt is { } e ? TimeValues.Unix(e) : Unchanged)}";
                return new KeyChange(rotated.Key, KeyEventEntry.Rotate, rotated.NewSubkey.Fingerprint, settings);
            },
            cancellationToken).ConfigureAwait(false);
        if (edited.Failed)
        {
            return edited.Problem.ToResponse();
        }

        var signsFrom = KeyView.Timestamp(rotated!.SignsFrom);
        EngineLog.KeyRotated(log, name, rotated.NewSubkey.Fingerprint, signsFrom, rotated.PreviousFingerprint, request.Id);
        var answer = KeyView.Describe(edited.Value, now);
        answer["new_signing_key_id"] = WireHex.Lower(rotated.NewSubkey.KeyId);
        answer["new_signing_key_fingerprint"] = WireHex.Lower(rotated.NewSubkey.Fingerprint);
        answer["signs_from"] = signsFrom;
        answer["previous_signing_key_fingerprint"] = WireHex.Lower(rotated.PreviousFingerprint);
        return Response.WithData(answer);
    }

    /// <summary>signs_from and the previous key's expiry, which need no key.</summary>
    private static Parsed<Timing> ParseTiming(FieldData data, DateTimeOffset now)
    {
        var fromText = data.Get(SignsFrom);
        var from = now;
        if (!string.Equals(fromText, Now, StringComparison.OrdinalIgnoreCase))
        {
            var parsed = TimeValues.Rfc3339(SignsFrom.Name, fromText, "\"now\"");
            if (parsed.Failed)
            {
                return parsed.Problem;
            }

            if (parsed.Value.ToUnixTimeSeconds() < now.ToUnixTimeSeconds())
            {
                return Parsed<Timing>.Invalid(SignsFrom.Name, $"{KeyView.Timestamp(parsed.Value)} is in the past; give a later time or \"now\"");
            }

            from = parsed.Value;
        }

        var lifetime = RequestValues.Lifetime(Expires.Name, data.Get(Expires));
        if (lifetime.Failed)
        {
            return lifetime.Problem;
        }

        DateTimeOffset? previousExpiry = data.TryGet(Overlap, out var overlap) ? from + overlap : null;
        return new Timing(from, lifetime.Value, previousExpiry);
    }

    /// <summary>The subkey's type and size, by default those of the key that signs now.</summary>
    private static Parsed<RotationOptions> ParseOptions(FieldData data, OpenPgpKey key, DateTimeOffset now, Timing timing)
    {
        var info = key.DescribeAt(now);
        (string Algorithm, string? Curve, int Bits)? signer = null;
        if (info.SigningKeyFingerprint is { } fingerprint)
        {
            signer = fingerprint == info.Fingerprint ? (info.Algorithm, info.Curve, info.Bits)
                : info.FindSubkey(fingerprint) is { } s ? (s.Algorithm, s.Curve, s.Bits) : null;
        }

        var currentType = signer is { } current ? KeyFields.KeyTypeOf(KeyView.KeyTypeName(current.Algorithm, current.Curve)) : null;
        var type = data.TryGet(KeyTypeField, out var typeName) ? KeyFields.KeyTypeOf(typeName) : currentType ?? KeyType.Ed25519;
        if (type is null)
        {
            return Parsed<RotationOptions>.Invalid(KeyTypeField.Name, $"unsupported key_type \"{typeName}\"; must be one of {string.Join(", ", KeyFields.KeyTypes)}");
        }

        var bits = data.TryGet(KeyBits, out var sentBits) ? sentBits : currentType == KeyType.Rsa ? signer!.Value.Bits : 3072;
        if (type != KeyType.Rsa && data.TryGet(KeyBits, out _))
        {
            return Parsed<RotationOptions>.Invalid(KeyBits.Name, $"only valid for key_type rsa, not \"{typeName}\"");
        }

        if (type == KeyType.Rsa && !KeyFields.RsaBits.Contains(bits))
        {
            return Parsed<RotationOptions>.Invalid(KeyBits.Name, $"{bits} is not valid for rsa; must be 2048, 3072 or 4096");
        }

        return new RotationOptions
        {
            Type = type.Value,
            RsaBits = bits,
            SignsFrom = timing.From,
            ExpiresAfter = timing.Lifetime,
            PreviousExpiresAt = timing.PreviousExpiresAt,
        };
    }

    private sealed record Timing(DateTimeOffset From, TimeSpan? Lifetime, DateTimeOffset? PreviousExpiresAt);

    private const string Synopsis = "Rotate a key's signing key to a new signing subkey, with an overlap.";

    private const string Description = """
        POST generates a signing subkey in Vault and binds it to the key (binding and back-signature), dated signs_from:
        OpenPGP has no "valid from", and GnuPG, like this engine, signs with the newest valid signing subkey and skips
        a subkey created in the future, so the previous signing key keeps signing until signs_from and the new subkey
        from then on. Old subkeys stay, so signatures they made keep verifying. With overlap, the previous signing
        subkey also gets an expiry at signs_from + overlap. Users import the new public key before signs_from (gpg
        warns that the subkey "was created in the future" until then). keys/:name shows which key signs now, since
        when, and the next one with its start.
        """;
}
