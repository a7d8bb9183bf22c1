using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace VaultGpg.Transparency;

/// <summary>
/// Signs C2SP signed notes with an Ed25519 key (type 0x01). The private key is the 32-byte RFC 8032 seed, as Go's
/// <c>note.GenerateKey</c> writes it (<c>PRIVATE+KEY+name+id+base64(0x01 || seed)</c>).
/// </summary>
public sealed class Ed25519NoteSigner
{
    private readonly byte[] _seed;
    private readonly byte[] _publicKey = new byte[Ed25519.PublicKeySize];

    public Ed25519NoteSigner(string name, ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519.SecretKeySize)
        {
            throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));
        }

        _seed = seed.ToArray();
        Ed25519.GeneratePublicKey(_seed, 0, _publicKey, 0);
        Verifier = new Ed25519NoteVerifier(name, _publicKey);
    }

    public string Name => Verifier.Name;

    public uint KeyId => Verifier.KeyId;

    public Ed25519NoteVerifier Verifier { get; }

    /// <summary>The signer key string in Go's form. It holds the private key: never log or return it.</summary>
    public string SignerKey => "PRIVATE+KEY+" + NoteKeyId.FormatKey(Name, KeyId, NoteKeyId.Ed25519Type, _seed);

    /// <summary>A new key from the system's random generator.</summary>
    public static Ed25519NoteSigner Generate(string name) => new(name, RandomNumberGenerator.GetBytes(Ed25519.SecretKeySize));

    /// <summary>Reads a signer key string in Go's form; a <see cref="FormatException"/> when malformed or its key ID does not match.</summary>
    public static Ed25519NoteSigner Parse(string signerKey)
    {
        ArgumentNullException.ThrowIfNull(signerKey);
        const string Prefix = "PRIVATE+KEY+";
        var parsed = signerKey.StartsWith(Prefix, StringComparison.Ordinal) ? NoteKeyId.ParseKey(signerKey[Prefix.Length..]) : null;
        if (parsed is not { Type: NoteKeyId.Ed25519Type } key || key.Key.Length != Ed25519.SecretKeySize)
        {
            throw new FormatException("malformed signer key (want PRIVATE+KEY+name+hex id+base64(0x01 || seed))");
        }

        var signer = new Ed25519NoteSigner(key.Name, key.Key);
        return signer.KeyId == key.KeyId ? signer : throw new FormatException("signer key ID does not match its name and key");
    }

    /// <summary>The note signature over <paramref name="text"/> (the note body including its final newline).</summary>
    public NoteSignature Sign(ReadOnlySpan<byte> text)
    {
        var signature = new byte[Ed25519.SignatureSize];
        Ed25519.Sign(_seed, 0, _publicKey, 0, text.ToArray(), 0, text.Length, signature, 0);
        return new NoteSignature(Name, KeyId, signature);
    }
}
