using System.Text.Json.Nodes;
using VaultGpg.OpenPgp.Verification;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// The JSON answer of <c>verify/:name</c> for one signature: <c>valid</c>, <c>status</c> and <c>reason</c> always,
/// the other fields where they apply (see the verify section of API.md).
/// </summary>
internal static class VerificationView
{
    public static JsonObject Describe(VerificationResult result)
    {
        var answer = new JsonObject
        {
            ["valid"] = result.Valid,
            ["status"] = StatusName(result.Status),
            ["reason"] = result.Reason,
        };
        if (result.KeyId is null)
        {
            return answer;
        }

        answer["key_id"] = WireHex.Lower(result.KeyId);
        if (result.Fingerprint is not null)
        {
            answer["fingerprint"] = WireHex.Lower(result.Fingerprint);
        }

        if (result.CreatedAt is { } created)
        {
            answer["created_at"] = KeyView.Timestamp(created);
        }

        answer["hash"] = HashName(result);
        if (result.SignatureExpiresAt is { } expires)
        {
            answer["expires_at"] = KeyView.Timestamp(expires);
        }

        if (result.KeyExpiresAt is { } keyExpires)
        {
            answer["key_expires_at"] = KeyView.Timestamp(keyExpires);
        }

        if (result.Revocation is { } revocation)
        {
            answer["revoked_at"] = revocation.RevokedAt is { } at ? KeyView.Timestamp(at) : null;
            answer["revocation_reason"] = ReasonName(revocation.Code);
            answer["revocation_text"] = revocation.Text;
        }

        if (result.SignedText is { } signedText)
        {
            answer["signed_text"] = signedText;
            answer["unsigned_text"] = result.HasUnsignedText;
        }

        return answer;
    }

    /// <summary>The answer for a signature field that does not decode in the given format: a signature that is not one.</summary>
    public static JsonObject Malformed(string reason) =>
        Describe(new VerificationResult { Status = VerificationStatus.Malformed, Reason = reason });

    public static string StatusName(VerificationStatus status) => status switch
    {
        VerificationStatus.Good => "good",
        VerificationStatus.Bad => "bad",
        VerificationStatus.UnknownCritical => "unknown_critical",
        VerificationStatus.ExpiredSignature => "expired_signature",
        VerificationStatus.ExpiredKey => "expired_key",
        VerificationStatus.RevokedKey => "revoked_key",
        VerificationStatus.NoPublicKey => "no_public_key",
        VerificationStatus.InvalidKey => "invalid_key",
        VerificationStatus.NotCrossCertified => "not_cross_certified",
        VerificationStatus.WrongKeyUsage => "wrong_key_usage",
        VerificationStatus.TimeConflict => "time_conflict",
        VerificationStatus.WeakHash => "weak_hash",
        VerificationStatus.UnsupportedAlgorithm => "unsupported_algorithm",
        VerificationStatus.WrongSignatureType => "wrong_signature_type",
        _ => "malformed",
    };

    private static string ReasonName(RevocationCode code) => code switch
    {
        RevocationCode.NoReason => "no_reason",
        RevocationCode.KeySuperseded => "key_superseded",
        RevocationCode.KeyCompromised => "key_compromised",
        RevocationCode.KeyRetired => "key_retired",
        RevocationCode.UserIdInvalid => "user_id_invalid",
        _ => "other",
    };

    /// <summary>The Go plugin's names for SHA-2 (sha2-256, ...); the weak and unknown ones by their usual names.</summary>
    private static string HashName(VerificationResult result) => result.Hash is { } sha2
        ? RequestValues.HashAlgorithmName(sha2)
        : result.HashAlgorithmId switch
        {
            1 => "md5",
            2 => "sha1",
            3 => "ripemd160",
            var id => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
