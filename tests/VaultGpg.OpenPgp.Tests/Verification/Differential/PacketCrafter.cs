using System.Buffers.Binary;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Verification;

namespace VaultGpg.OpenPgp.Tests.Verification.Differential;

/// <summary>
/// Signatures and subkey bindings gpg will not make (no creation time, unknown critical subpackets, wrong types,
/// signatures by keys that may not sign, bindings without or with a foreign back-signature), built from the secret
/// keys gpg exported: real cryptography over deliberately wrong metadata.
/// </summary>
internal static class PacketCrafter
{
    private const byte IssuerFingerprintType = 33;
    private const byte PublicSubkeyTag = 14;

    /// <summary>A document signature over <paramref name="data"/> by key <paramref name="keyId"/> with exactly the hashed subpackets given.</summary>
    public static byte[] Sign(PgpSecretKeyRing secret, long keyId, byte type, byte[] hashedArea, byte[] data, HashAlgorithm hash = HashAlgorithm.Sha256)
    {
        var secretKey = secret.GetSecretKey(keyId);
        var signer = KeySigner.Create(secretKey.PublicKey, secretKey.ExtractPrivateKey([]));
        var packet = new VaultGpg.OpenPgp.Signing.SignaturePacket(type, signer.Algorithm, (byte)hash, hashedArea, SignatureSubpackets.Unhashed(signer.KeyId), 0, []);
        var hashed = Sha2Cores.Create(Sha2Cores.InitialState(hash));
        DocumentHasher.Append(hashed, type == SignatureCore.CanonicalTextDocument, data);
        hashed.Append(packet.Trailer());
        var digest = new byte[Sha2Family.DigestSize(hash)];
        hashed.Finish(digest);
        return (packet with { Left16 = BinaryPrimitives.ReadUInt16BigEndian(digest), SignatureData = signer.SignDigest(hash, digest) }).Encode();
    }

    /// <summary>Issuer fingerprint and creation time, as gpg writes them, plus any extra subpackets.</summary>
    public static byte[] Hashed(PgpPublicKey key, DateTimeOffset created, params byte[][] extra) =>
        [.. SignatureSubpackets.Hashed(key.GetFingerprint(), (uint)created.ToUnixTimeSeconds()), .. extra.SelectMany(e => e)];

    /// <summary>Only the issuer fingerprint: no creation time.</summary>
    public static byte[] HashedWithoutCreationTime(PgpPublicKey key) =>
        Subpacket(IssuerFingerprintType, false, [4, .. key.GetFingerprint()]);

    public static byte[] Subpacket(byte type, bool critical, byte[] data) =>
        [(byte)(1 + data.Length), (byte)(critical ? type | 0x80 : type), .. data];

    /// <summary>
    /// The ring with subkey <paramref name="subkeyId"/> bound anew by the primary key as a signing subkey, its old
    /// binding dropped, carrying <paramref name="backSignature"/> as the embedded primary-key binding (or none).
    /// </summary>
    public static byte[] Rebind(PgpSecretKeyRing secret, PgpPublicKeyRing ring, long subkeyId, PgpSignature? backSignature)
    {
        var primary = ring.GetPublicKey();
        var subkey = ring.GetPublicKey(subkeyId);
        var generator = new PgpSignatureGenerator(primary.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.SubkeyBinding, secret.GetSecretKey().ExtractPrivateKey([]));
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetIssuerFingerprint(false, primary);
        hashed.SetSignatureCreationTime(false, DateTime.UtcNow.AddMinutes(-5));
        hashed.SetKeyFlags(false, PgpKeyFlags.CanSign);
        if (backSignature is not null)
        {
            hashed.AddEmbeddedSignature(false, backSignature);
        }

        generator.SetHashedSubpackets(hashed.Generate());
        var unhashed = new PgpSignatureSubpacketGenerator();
        unhashed.SetIssuerKeyID(false, primary.KeyId);
        generator.SetUnhashedSubpackets(unhashed.Generate());
        var binding = generator.GenerateCertification(primary, subkey);

        var withoutSubkey = PgpPublicKeyRing.RemovePublicKey(ring, subkey)!.GetEncoded();
        var subkeyPacket = PacketReader.ReadAll(subkey.GetEncoded())[0];
        return [.. withoutSubkey, .. PacketWriter.Packet(PublicSubkeyTag, subkeyPacket.Body.ToArray()), .. binding.GetEncoded()];
    }

    /// <summary>The back-signature (0x19) embedded in a subkey's binding.</summary>
    public static PgpSignature BackSignatureOf(PgpPublicKeyRing ring, long subkeyId)
    {
        var binding = ring.GetPublicKey(subkeyId).GetSignatures().First(s => s.SignatureType == PgpSignature.SubkeyBinding);
        foreach (var area in new[] { binding.GetHashedSubPackets(), binding.GetUnhashedSubPackets() })
        {
            var embedded = area.GetEmbeddedSignatures();
            for (var i = 0; i < embedded.Count; i++)
            {
                if (embedded[i].SignatureType == PgpSignature.PrimaryKeyBinding)
                {
                    return embedded[i];
                }
            }
        }

        throw new InvalidOperationException("the binding has no back-signature");
    }
}
