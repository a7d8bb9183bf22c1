using System.Globalization;
using System.Text.Json.Nodes;
using VaultGpg.Engine.Keys;
using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.Engine.Paths;

/// <summary>A key and its subkeys as answers show them: the JSON of keys/:name and keys/:name/subkeys, and the wire
/// forms of capabilities, key types and times that other answers reuse.</summary>
internal static class KeyView
{
    /// <summary>The public facts of a key, as read and create answer them, with validity, capabilities and the signing
    /// key as of <paramref name="now"/> (judged on every request, never remembered).</summary>
    internal static JsonObject Describe(StoredKey stored, DateTimeOffset now)
    {
        var info = stored.Key.DescribeAt(now);
        var data = new JsonObject
        {
            ["name"] = stored.Entry.Name,
            ["fingerprint"] = WireHex.Lower(info.Fingerprint),
            ["key_id"] = WireHex.Lower(info.KeyId),
            ["key_type"] = KeyTypeName(info.Algorithm, info.Curve),
            ["created_at"] = Timestamp(info.CreatedAt),
            ["expires_at"] = info.ExpiresAt is { } expiry ? Timestamp(expiry) : null,
            ["user_ids"] = new JsonArray([.. info.UserIds.Select(u => JsonValue.Create(u))]),
            ["subkeys"] = new JsonArray([.. info.Subkeys.Select(DescribeSubkey)]),
            ["signing_key_id"] = WireHex.Lower(info.SigningKeyId),
            ["signing_key_fingerprint"] = WireHex.Lower(info.SigningKeyFingerprint),
            ["capabilities"] = new JsonArray([.. Capabilities(info.Usage).Select(c => JsonValue.Create(c))]),
            ["expired"] = info.IsExpired,
            ["revoked"] = info.IsRevoked,
            ["valid"] = info.IsValid,
            ["can_sign"] = info.CanSign,
            ["can_decrypt"] = info.CanDecrypt,
            ["public_key"] = stored.Key.ExportPublicKeyArmored(),
            ["exportable"] = stored.Entry.Exportable,
            ["deletion_allowed"] = stored.Entry.DeletionAllowed,
            ["imported"] = stored.Entry.Imported,
            ["verify_only"] = stored.Key.IsVerifyOnly,
        };
        AddRevocation(data, info.RevokedAt, info.RevocationReason, info.RevocationText);
        AddSchedule(data, stored.Key.SigningScheduleAt(now));
        if (info.CannotSignReason is { } reason)
        {
            data["cannot_sign_reason"] = reason;
        }

        if (info.Curve is null)
        {
            data["key_bits"] = info.Bits;
        }
        else
        {
            data["curve"] = info.Curve;
        }

        return data;
    }

    internal static JsonObject DescribeSubkey(SubkeyInfo subkey)
    {
        var data = new JsonObject
        {
            ["fingerprint"] = WireHex.Lower(subkey.Fingerprint),
            ["key_id"] = WireHex.Lower(subkey.KeyId),
            ["algorithm"] = subkey.Algorithm,
            ["key_bits"] = subkey.Bits,
            ["curve"] = subkey.Curve,
            ["capabilities"] = new JsonArray([.. Capabilities(subkey.Usage).Select(c => JsonValue.Create(c))]),
            ["created_at"] = Timestamp(subkey.CreatedAt),
            ["expires_at"] = subkey.ExpiresAt is { } expiry ? Timestamp(expiry) : null,
            ["revoked"] = subkey.IsRevoked,
            ["expired"] = subkey.IsExpired,
            ["valid"] = subkey.IsValid,
        };
        AddRevocation(data, subkey.RevokedAt, subkey.RevocationReason, subkey.RevocationText);
        return data;
    }

    /// <summary>Since when the signing key signs, and the next signing key with its start, from the key's own dates
    /// (a rotated subkey taking over, or a signing key expiring: then next_signing_key_id is null).</summary>
    private static void AddSchedule(JsonObject data, SigningSchedule schedule)
    {
        data["signing_key_since"] = schedule.SigningKeyFingerprint is null ? null : Timestamp(schedule.Since);
        data["next_signing_key_id"] = WireHex.Lower(schedule.NextSigningKeyFingerprint?[^16..]);
        data["next_signing_key_fingerprint"] = WireHex.Lower(schedule.NextSigningKeyFingerprint);
        data["next_signing_key_from"] = schedule.NextFrom is { } from ? Timestamp(from) : null;
    }

    /// <summary>revoked_at, revocation_reason and revocation_text, only for a revoked key.</summary>
    private static void AddRevocation(JsonObject data, DateTimeOffset? revokedAt, string? reason, string? text)
    {
        if (revokedAt is not { } at)
        {
            return;
        }

        data["revoked_at"] = Timestamp(at);
        data["revocation_reason"] = reason;
        data["revocation_text"] = text;
    }

    internal static IEnumerable<string> Capabilities(KeyUsage usage)
    {
        if (usage.HasFlag(KeyUsage.Certify))
        {
            yield return "certify";
        }

        if (usage.HasFlag(KeyUsage.Sign))
        {
            yield return "sign";
        }

        if (usage.HasFlag(KeyUsage.Encrypt))
        {
            yield return "encrypt";
        }

        if (usage.HasFlag(KeyUsage.Authenticate))
        {
            yield return "authenticate";
        }
    }

    internal static string KeyTypeName(string algorithm, string? curve) => (algorithm, curve) switch
    {
        ("RSA", _) => "rsa",
        ("EdDSA", "ed25519") => "ed25519",
        ("ECDSA", "nistp256") => "ecdsa-p256",
        ("ECDSA", "nistp384") => "ecdsa-p384",
        (_, null) => algorithm.ToLowerInvariant(),
        _ => $"{algorithm.ToLowerInvariant()}-{curve}",
    };

    internal static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
