using Org.BouncyCastle.Math.EC.Rfc8032;

namespace VaultGpg.Transparency;

/// <summary>An Ed25519 (type 0x01) note verifier, as a verifier key string <c>name+id+base64(0x01 || key)</c> names it.</summary>
public sealed class Ed25519NoteVerifier : INoteVerifier
{
    private readonly byte[] _publicKey;

    public Ed25519NoteVerifier(string name, ReadOnlySpan<byte> publicKey)
    {
        if (!NoteKeyId.IsValidName(name))
        {
            throw new ArgumentException($"invalid note key name \"{name}\"", nameof(name));
        }

        if (publicKey.Length != Ed25519.PublicKeySize)
        {
            throw new ArgumentException("an Ed25519 public key is 32 bytes", nameof(publicKey));
        }

        Name = name;
        _publicKey = publicKey.ToArray();
        KeyId = NoteKeyId.Compute(name, NoteKeyId.Ed25519Type, _publicKey);
    }

    public string Name { get; }

    public uint KeyId { get; }

    /// <summary>The verifier key string users pin: <c>&lt;name&gt;+&lt;8 hex digits&gt;+&lt;base64(0x01 || public key)&gt;</c>.</summary>
    public string VerifierKey => NoteKeyId.FormatKey(Name, KeyId, NoteKeyId.Ed25519Type, _publicKey);

    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        signature.Length == Ed25519.SignatureSize && Ed25519.Verify(signature.ToArray(), 0, _publicKey, 0, text.ToArray(), 0, text.Length);

    /// <summary>
    /// Reads a verifier key string of either type this library knows (0x01 Ed25519, 0x04 cosignature); a
    /// <see cref="FormatException"/> when it is malformed or its key ID does not match.
    /// </summary>
    public static INoteVerifier Parse(string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        var parsed = NoteKeyId.ParseKey(verifierKey) ?? throw new FormatException("malformed verifier key (want name+hex id+base64 key)");
        INoteVerifier verifier = parsed.Type switch
        {
            NoteKeyId.Ed25519Type when parsed.Key.Length == Ed25519.PublicKeySize => new Ed25519NoteVerifier(parsed.Name, parsed.Key),
            NoteKeyId.CosignatureType when parsed.Key.Length == Ed25519.PublicKeySize => new CosignatureVerifier(parsed.Name, parsed.Key),
            _ => throw new FormatException($"unsupported verifier key type 0x{parsed.Type:x2} or key length {parsed.Key.Length}"),
        };
        return verifier.KeyId == parsed.KeyId ? verifier : throw new FormatException("verifier key ID does not match its name and key");
    }
}
