using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.OpenPgp.Verification;

/// <summary>
/// What the key's evaluation at the verification time says about the key that issued a signature: its own state
/// and its primary key's (GnuPG's merge_selfsigs has already handed a primary key's revocation, expiry or invalidity
/// down to every subkey).
/// </summary>
internal sealed record IssuerState(ComponentState Key, ComponentState Primary, bool IsSubkey)
{
    /// <summary>GnuPG's <c>pk->flags.valid</c>: a primary key with a self-signature in force, a subkey with a binding
    /// under such a primary key (its back-signature is judged later, after the cryptography, as gpg does).</summary>
    public bool IsUsable => Primary.IsBound && (!IsSubkey || Key.IsBound || LacksBackSignature);

    /// <summary>A signing-capable subkey whose binding has no valid back-signature (missing or invalid).</summary>
    public bool LacksBackSignature =>
        IsSubkey && Key.HasBinding && (Key.Usage & KeyUsage.Sign) != 0 && Key.BackSignature != BackSignatureState.Valid;

    /// <summary>The key or its primary key has expired.</summary>
    public bool IsExpired => Key.IsExpired || Primary.IsExpired;

    /// <summary>The expiry that applies: the sooner of the key's and its primary key's.</summary>
    public DateTimeOffset? ExpiresAt => new[] { Key.ExpiresAt, Primary.ExpiresAt }.Where(e => e is not null).Min();

    /// <summary>The revocation that applies (the key's own, else its primary's), null when neither is revoked.</summary>
    public KeyRevocation? Revocation
    {
        get
        {
            var revoked = Key.IsRevoked ? Key : Primary.IsRevoked ? Primary : null;
            if (revoked is null)
            {
                return null;
            }

            var ofPrimary = !IsSubkey || (Primary.IsRevoked && revoked.RevokedAt == Primary.RevokedAt && revoked.RevocationReason == Primary.RevocationReason);
            var rawCode = revoked.RevocationReason ?? 0;
            var code = rawCode is 0 or 1 or 2 or 3 or 32 ? (RevocationCode)rawCode : RevocationCode.Other;
            return new KeyRevocation(code, rawCode, revoked.RevocationText ?? string.Empty, revoked.RevokedAt, ofPrimary);
        }
    }

    /// <summary>Picks <paramref name="issuer"/> out of the evaluation of its key at the verification time.</summary>
    public static IssuerState Of(RingEvaluation evaluation, PgpPublicKey issuer)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var primary = evaluation.Primary;
        var key = issuer.IsMasterKey ? primary : evaluation.Subkeys.First(s => s.Key.KeyId == issuer.KeyId);
        return new IssuerState(key, primary, !issuer.IsMasterKey);
    }
}
