using System.Buffers.Binary;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace VaultGpg.Transparency;

/// <summary>A witness key making C2SP tlog-cosignature/v1 lines (for tests and tools that act as a witness).</summary>
public sealed class CosignatureSigner
{
    private readonly byte[] _seed;
    private readonly byte[] _publicKey = new byte[Ed25519.PublicKeySize];

    public CosignatureSigner(string name, ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519.SecretKeySize)
        {
            throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));
        }

        _seed = seed.ToArray();
        Ed25519.GeneratePublicKey(_seed, 0, _publicKey, 0);
        Verifier = new CosignatureVerifier(name, _publicKey);
    }

    public CosignatureVerifier Verifier { get; }

    /// <summary>The cosignature of a checkpoint body at <paramref name="timestamp"/> (unix seconds).</summary>
    public NoteSignature Sign(string checkpointBody, ulong timestamp)
    {
        ArgumentNullException.ThrowIfNull(checkpointBody);
        var message = CosignatureVerifier.SignedMessage(timestamp, Encoding.UTF8.GetBytes(checkpointBody));
        var bytes = new byte[8 + Ed25519.SignatureSize];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, timestamp);
        Ed25519.Sign(_seed, 0, _publicKey, 0, message, 0, message.Length, bytes, 8);
        return new NoteSignature(Verifier.Name, Verifier.KeyId, bytes);
    }
}
