using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>An unlocked key able to decrypt session keys (an encryption-capable subkey or primary).</summary>
internal sealed record DecryptionKey(PgpPublicKey PublicKey, PgpPrivateKey PrivateKey);
