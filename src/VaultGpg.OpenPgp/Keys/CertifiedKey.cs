namespace VaultGpg.OpenPgp.Keys;

/// <summary>The result of <see cref="KeyCertifier.Certify"/>.</summary>
/// <param name="Fingerprint">The certified key's primary fingerprint, 40 upper-case hex digits.</param>
/// <param name="UserId">The user ID certified.</param>
/// <param name="PublicKey">The certified key, binary, with the new certification after the user ID's signatures.</param>
/// <param name="CreatedAt">The certification's creation time.</param>
public sealed record CertifiedKey(string Fingerprint, string UserId, byte[] PublicKey, DateTimeOffset CreatedAt)
{
    /// <summary>The certified key as an ASCII-armored "PGP PUBLIC KEY BLOCK".</summary>
    public string PublicKeyArmored => KeyArmor.Armor(PublicKey, Signing.ArmorKind.PublicKey);
}
