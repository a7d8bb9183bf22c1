using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace VaultGpg.OpenPgp.Keys;

/// <summary>
/// Cryptographic checks of the signatures that hold a key together: user ID certifications, direct-key
/// signatures and revocations, subkey bindings and back-signatures. A signature that cannot be checked (bad data,
/// unknown algorithm, MD5) counts as invalid, never as an error: gpg ignores such signatures too.
/// </summary>
internal static class SelfSignatures
{
    /// <summary>Certification (0x10-0x13) or revocation (0x30) of a user ID by <paramref name="primary"/>.</summary>
    public static bool VerifyOnUserId(PgpSignature signature, PgpPublicKey primary, byte[] rawUserId) =>
        Verify(signature, primary, s =>
        {
            HashKey(s, primary);
            Span<byte> header = [0xB4, (byte)(rawUserId.Length >> 24), (byte)(rawUserId.Length >> 16), (byte)(rawUserId.Length >> 8), (byte)rawUserId.Length];
            s.Update(header);
            s.Update(rawUserId);
        });

    /// <summary>Direct-key signature (0x1F) or key revocation (0x20) by the primary over itself.</summary>
    public static bool VerifyOnPrimary(PgpSignature signature, PgpPublicKey primary) =>
        Verify(signature, primary, s => HashKey(s, primary));

    /// <summary>Subkey binding (0x18) or subkey revocation (0x28) by the primary over primary and subkey.</summary>
    public static bool VerifyOnSubkey(PgpSignature signature, PgpPublicKey primary, PgpPublicKey subkey) =>
        Verify(signature, primary, s =>
        {
            HashKey(s, primary);
            HashKey(s, subkey);
        });

    /// <summary>
    /// The primary-key binding (0x19, "back-signature") made by the subkey that a subkey binding carries: without a
    /// valid one, anyone could attach someone else's signing key as their subkey, so gpg refuses signatures by such
    /// signing subkeys. As gpg (getkey.c merge_selfsigs_subkey), only the newest embedded 0x19 signature, hashed
    /// area first, is checked.
    /// </summary>
    public static BackSignatureState CheckBackSignature(PgpSignature binding, PgpPublicKey primary, PgpPublicKey subkey)
    {
        PgpSignature? newest = null;
        foreach (var vector in new[] { binding.GetHashedSubPackets(), binding.GetUnhashedSubPackets() })
        {
            if (vector is null)
            {
                continue;
            }

            PgpSignatureList embedded;
            try
            {
                embedded = vector.GetEmbeddedSignatures();
            }
            catch (Exception ex) when (ParserFailure.IsParserFailure(ex))
            {
                continue;
            }

            for (var i = 0; i < embedded.Count; i++)
            {
                var back = embedded[i];
                if (back.SignatureType == PgpSignature.PrimaryKeyBinding && (newest is null || back.CreationTime > newest.CreationTime))
                {
                    newest = back;
                }
            }
        }

        if (newest is null)
        {
            return BackSignatureState.None;
        }

        return Verify(newest, subkey, s =>
        {
            HashKey(s, primary);
            HashKey(s, subkey);
        })
            ? BackSignatureState.Valid
            : BackSignatureState.Invalid;
    }

    /// <summary>Whether a signature claims to come from <paramref name="key"/> (or names no issuer at all).</summary>
    public static bool MayBeFrom(PgpSignature signature, PgpPublicKey key) =>
        signature.KeyId == 0 || signature.KeyId == key.KeyId;

    private static bool Verify(PgpSignature signature, PgpPublicKey signer, Action<PgpSignature> hashSignedData)
    {
        if (signature.Version != 4 || signature.HashAlgorithm == HashAlgorithmTag.MD5 || !MayBeFrom(signature, signer))
        {
            return false;
        }

        try
        {
            signature.InitVerify(signer);
            hashSignedData(signature);
            return signature.Verify();
        }
        catch (Exception ex) when (ParserFailure.IsParserFailure(ex))
        {
            return false;
        }
    }

    private static void HashKey(PgpSignature signature, PgpPublicKey key)
    {
        var body = key.PublicKeyPacket.GetEncodedContents();
        Span<byte> header = [0x99, (byte)(body.Length >> 8), (byte)body.Length];
        signature.Update(header);
        signature.Update(body);
    }
}
