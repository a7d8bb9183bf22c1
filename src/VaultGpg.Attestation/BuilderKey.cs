namespace VaultGpg.Attestation;

/// <summary>
/// A builder's public key, as the builder hands it over: an in-toto key as <c>in-toto-keygen</c> writes its public
/// file (<see cref="Ed25519"/> and <see cref="Ecdsa"/>: the <c>.pub</c> JSON; <see cref="Rsa"/>: the <c>.pub</c> PEM,
/// scheme rsassa-pss-sha256), or an OpenPGP public key (<see cref="OpenPgp"/>, armored or binary, as <c>gpg --export</c>
/// writes it) for <c>in-toto-run --gpg</c>.
/// </summary>
public abstract class BuilderKey
{
    public const string Ed25519 = "ed25519";
    public const string Rsa = "rsa";
    public const string Ecdsa = "ecdsa";
    public const string OpenPgp = "openpgp";

    /// <summary>The key types <see cref="Parse"/> reads.</summary>
    public static IReadOnlyList<string> Types { get; } = [Ed25519, Rsa, Ecdsa, OpenPgp];

    /// <summary>One of <see cref="Types"/>.</summary>
    public abstract string Type { get; }

    /// <summary>The key's ID, lower-case hex: the in-toto key ID (SHA-256 of the canonical public key object, as in the
    /// link file's name and signatures) or the OpenPGP primary key fingerprint.</summary>
    public abstract string KeyId { get; }

    /// <summary>Whether a signature naming <paramref name="keyId"/> claims to be by this key (for OpenPGP, by its
    /// primary key or one of its subkeys).</summary>
    public abstract bool Matches(string keyId);

    /// <summary>Whether <paramref name="signature"/> is this key's valid signature over <paramref name="data"/>.
    /// Never throws for a bad signature: false.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> data, AttestationSignature signature);

    /// <summary>Reads a builder key of <paramref name="type"/> from its public key file's text.</summary>
    /// <exception cref="AttestationException">An unknown type or a key that does not read as that type.</exception>
    public static BuilderKey Parse(string type, string publicKey, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(publicKey);
        return type switch
        {
            Ed25519 or Ecdsa => InTotoKey.FromPublicJson(type, publicKey),
            Rsa => InTotoKey.FromRsaPem(publicKey),
            OpenPgp => OpenPgpBuilderKey.FromPublicKey(publicKey, timeProvider),
            _ => throw new AttestationException($"unsupported key type \"{type}\"; must be one of {string.Join(", ", Types)}"),
        };
    }
}
