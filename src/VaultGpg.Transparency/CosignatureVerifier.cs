using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace VaultGpg.Transparency;

/// <summary>
/// A witness's C2SP tlog-cosignature/v1 (type 0x04) on a checkpoint: the signature bytes are an 8-byte big-endian
/// timestamp and an Ed25519 signature over <c>cosignature/v1\ntime &lt;timestamp&gt;\n</c> followed by the checkpoint body.
/// </summary>
public sealed class CosignatureVerifier : INoteVerifier
{
    private readonly byte[] _publicKey;

    public CosignatureVerifier(string name, ReadOnlySpan<byte> publicKey)
    {
        if (!NoteKeyId.IsValidName(name) || publicKey.Length != Ed25519.PublicKeySize)
        {
            throw new ArgumentException("a cosignature key needs a valid name and a 32-byte Ed25519 key", nameof(publicKey));
        }

        Name = name;
        _publicKey = publicKey.ToArray();
        KeyId = NoteKeyId.Compute(name, NoteKeyId.CosignatureType, _publicKey);
    }

    public string Name { get; }

    public uint KeyId { get; }

    public string VerifierKey => NoteKeyId.FormatKey(Name, KeyId, NoteKeyId.CosignatureType, _publicKey);

    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 8 + Ed25519.SignatureSize)
        {
            return false;
        }

        var message = SignedMessage(BinaryPrimitives.ReadUInt64BigEndian(signature), text);
        return Ed25519.Verify(signature[8..].ToArray(), 0, _publicKey, 0, message, 0, message.Length);
    }

    /// <summary>What a witness signs for a checkpoint body at <paramref name="timestamp"/> (unix seconds).</summary>
    public static byte[] SignedMessage(ulong timestamp, ReadOnlySpan<byte> checkpointBody)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"cosignature/v1\ntime {timestamp}\n"));
        var message = new byte[header.Length + checkpointBody.Length];
        header.CopyTo(message, 0);
        checkpointBody.CopyTo(message.AsSpan(header.Length));
        return message;
    }
}
