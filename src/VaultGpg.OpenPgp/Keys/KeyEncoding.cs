using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>Binary encodings of key rings, in the shapes gpg exports them.</summary>
internal static class KeyEncoding
{
    /// <summary>The transferable public key without trust packets (those are local to a keyring, never exported).</summary>
    public static byte[] EncodePublic(PgpPublicKeyRing ring)
    {
        using var output = new MemoryStream();
        foreach (var key in ring.GetPublicKeys())
        {
            key.Encode(output, forTransfer: true);
        }

        return output.ToArray();
    }

    /// <summary>The public half of a secret key ring, as a public key ring.</summary>
    public static PgpPublicKeyRing PublicRingOf(PgpSecretKeyRing secretRing)
    {
        using var output = new MemoryStream();
        foreach (var key in secretRing.GetPublicKeys())
        {
            key.Encode(output, forTransfer: true);
        }

        return new PgpPublicKeyRing(output.ToArray());
    }

    /// <summary>Reassembles a secret key ring from secret keys (primary first) and any extra public subkeys.</summary>
    public static PgpSecretKeyRing SecretRingOf(IEnumerable<PgpSecretKey> secretKeys, IEnumerable<PgpPublicKey> extraPublicKeys)
    {
        using var output = new MemoryStream();
        foreach (var key in secretKeys)
        {
            key.Encode(output);
        }

        foreach (var key in extraPublicKeys)
        {
            key.Encode(output, forTransfer: true);
        }

        return new PgpSecretKeyRing(output.ToArray());
    }
}
