using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Parameters;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Checks that an unlocked private key belongs to its public key. The 16-bit checksum of old-style protection lets
/// one wrong passphrase in 65536 "decrypt" to garbage; this catches that, and damaged secret keys, before use.
/// </summary>
internal static class KeyConsistency
{
    public static bool Matches(PgpPublicKey publicKey, PgpPrivateKey privateKey)
    {
        try
        {
            return (publicKey.GetKey(), privateKey.Key) switch
            {
                (RsaKeyParameters pub, RsaPrivateCrtKeyParameters priv) => priv.P.Multiply(priv.Q).Equals(pub.Modulus),
                (DsaPublicKeyParameters pub, DsaPrivateKeyParameters priv) =>
                    pub.Parameters.G.ModPow(priv.X, pub.Parameters.P).Equals(pub.Y),
                (ElGamalPublicKeyParameters pub, ElGamalPrivateKeyParameters priv) =>
                    pub.Parameters.G.ModPow(priv.X, pub.Parameters.P).Equals(pub.Y),
                (ECPublicKeyParameters pub, ECPrivateKeyParameters priv) =>
                    priv.Parameters.G.Multiply(priv.D).Normalize().Equals(pub.Q.Normalize()),
                (Ed25519PublicKeyParameters pub, Ed25519PrivateKeyParameters priv) =>
                    priv.GeneratePublicKey().GetEncoded().AsSpan().SequenceEqual(pub.GetEncoded()),
                (X25519PublicKeyParameters pub, X25519PrivateKeyParameters priv) =>
                    priv.GeneratePublicKey().GetEncoded().AsSpan().SequenceEqual(pub.GetEncoded()),
                _ => false,
            };
        }
        catch (Exception ex) when (ParserFailure.IsParserFailure(ex))
        {
            return false;
        }
    }
}
