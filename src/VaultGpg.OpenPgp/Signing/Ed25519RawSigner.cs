using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// EdDSA as GnuPG 2.2 writes it (algorithm 22, "legacy" EdDSA): pure Ed25519 over the OpenPGP digest, with R and S as
/// two MPIs. .NET has no Ed25519, so this is BouncyCastle (thread-safe: the key parameters are immutable).
/// </summary>
internal sealed class Ed25519RawSigner(Ed25519PrivateKeyParameters key) : IRawSigner
{
    public byte[] SignDigest(HashAlgorithm hash, ReadOnlySpan<byte> digest)
    {
        var signature = new byte[Ed25519PrivateKeyParameters.SignatureSize];
        key.Sign(Ed25519.Algorithm.Ed25519, null, digest.ToArray(), 0, digest.Length, signature, 0);
        var mpis = new List<byte>(68);
        Mpi.Write(signature.AsSpan(0, 32), mpis);
        Mpi.Write(signature.AsSpan(32), mpis);
        return [.. mpis];
    }
}
