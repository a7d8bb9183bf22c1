namespace VaultGpg.OpenPgp.Keys;

/// <summary>How to import a key.</summary>
/// <param name="Passphrase">Unlocks a protected secret key (UTF-8, as GnuPG encodes it). Null when the key is unprotected.</param>
/// <param name="AllowVerifyOnly">Accept a public key as a verify-only key. Default false: a public key is refused,
/// because a secret key was almost certainly meant. (A secret key that cannot sign now, being expired, revoked or
/// only able to decrypt, is imported either way; signing refuses it per request.)</param>
public sealed record KeyImportOptions(string? Passphrase = null, bool AllowVerifyOnly = false)
{
    public static KeyImportOptions Default { get; } = new();

    // The passphrase must never show up in logs through a record's generated ToString.
    public override string ToString() =>
        $"KeyImportOptions {{ Passphrase = {(Passphrase is null ? "none" : "***")}, AllowVerifyOnly = {AllowVerifyOnly} }}";
}
