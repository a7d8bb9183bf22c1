using System.Text;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.OpenPgp.Keys;

namespace VaultGpg.OpenPgp.Signing;

/// <summary>
/// Makes OpenPGP v4 signatures that GnuPG, gpgv, apt and rpm accept: detached (binary or text mode, binary or
/// armored), cleartext-signed text, and signatures over a client-exported hash state. Every mode goes through one
/// core that builds the signature trailer itself. Thread-safe: one instance and one key may be used by any number
/// of threads at once.
/// </summary>
public sealed class OpenPgpSigner
{
    private readonly TimeProvider _timeProvider;

    public OpenPgpSigner()
        : this(TimeProvider.System)
    {
    }

    /// <param name="timeProvider">The clock for signature creation times when the options give none.</param>
    public OpenPgpSigner(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>A detached signature over <paramref name="data"/>: the binary packet, or armored ASCII bytes.</summary>
    /// <exception cref="OpenPgpException">The key cannot sign (<see cref="OpenPgpErrorKind.CannotSign"/>), or the
    /// hash is too short for the key (<see cref="OpenPgpErrorKind.InvalidInput"/>).</exception>
    public byte[] SignDetached(OpenPgpKey key, ReadOnlySpan<byte> data, SignOptions? options = null) =>
        SignDetached(SignerOf(key, options?.CreationTime), data, options);

    /// <summary>A detached signature over everything <paramref name="data"/> yields, read in 1 MiB chunks.</summary>
    public Task<byte[]> SignDetachedAsync(OpenPgpKey key, Stream data, SignOptions? options = null, CancellationToken cancellationToken = default) =>
        SignDetachedAsync(SignerOf(key, options?.CreationTime), data, options, cancellationToken);

    /// <summary>
    /// A cleartext-signed message (RFC 4880 §7) of <paramref name="text"/>, e.g. an apt <c>InRelease</c> file from a
    /// <c>Release</c> file. Lines are shown as given (dash-escaped) like GnuPG shows them; the signature is type 0x01
    /// over the UTF-8 text with trailing whitespace removed and CRLF line endings (RFC 4880 §7.1). A non-zero
    /// <paramref name="expiresAfter"/> gives the signature a lifetime; null or zero means it never expires.
    /// </summary>
    public string SignCleartext(OpenPgpKey key, string text, HashAlgorithm hash = HashAlgorithm.Sha256, DateTimeOffset? creationTime = null, TimeSpan? expiresAfter = null) =>
        SignCleartext(SignerOf(key, creationTime), text, hash, creationTime, expiresAfter);

    // Why signing an imported hash state is safe (and a raw-digest endpoint would not be).
    //
    // An OpenPGP signature covers hash(data || trailer), and the trailer carries the signature type. Key
    // certifications (0x10-0x13), subkey bindings (0x18) and revocations are made over the same kind of hash, with
    // the key and user ID as "data" and a different type in the trailer. A signer that signed any digest a caller
    // sent, or appended a trailer the caller supplied, would let the caller obtain a certification or binding
    // signature made with our key, i.e. forge trust statements, while the endpoint looks like "just signing a file".
    //
    // Here the caller supplies only the SHA-2 state after its data: a chaining value, a byte count and at most one
    // block of pending bytes. We append the trailer ourselves, with signature type 0x00 (binary document), our
    // creation time, our issuer subpackets and the hash algorithm of the state, finish the hash and sign. So the
    // signed digest is always hash(D || our 0x00 trailer) for the D the state stands for, which is precisely what
    // signing the bytes D would have produced: the caller learns nothing and gets nothing it could not get by
    // sending D. A made-up chaining value (one no real D leads to) yields a signature no document verifies against;
    // to turn it into a certification the caller would need a digest collision between our 0x00 trailer and a 0x1x
    // trailer from a chosen starting state (a free-start collision of SHA-2's compression function), which is not
    // known for any member of SHA-2. The signature type, trailer and subpackets must therefore never become inputs.
    /// <summary>
    /// Signs the data a client hashed itself: resumes the exported state (<see cref="ResumableHash.ExportState"/>,
    /// specified in Hashing/HASH-STATE.md), appends our own v4 trailer (binary document, 0x00) and signs. The
    /// result verifies with <c>gpg --verify sig file</c> exactly like a signature over the file itself.
    /// </summary>
    /// <exception cref="OpenPgpException">A malformed state (<see cref="OpenPgpErrorKind.MalformedInput"/>) or a key
    /// that cannot sign.</exception>
    public byte[] SignHashState(OpenPgpKey key, ReadOnlySpan<byte> encodedState, HashStateSignOptions? options = null) =>
        SignHashState(SignerOf(key, options?.CreationTime), encodedState, options);

    internal byte[] SignDetached(KeySigner signer, ReadOnlySpan<byte> data, SignOptions? options)
    {
        options = Validate(options);
        var hash = Sha2Cores.Create(Sha2Cores.InitialState(options.Hash));
        DocumentHasher.Append(hash, options.TextMode, data);
        return Finish(signer, hash, DocumentType(options), options.CreationTime, options.ExpiresAfter, options.Armored);
    }

    internal async Task<byte[]> SignDetachedAsync(KeySigner signer, Stream data, SignOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        options = Validate(options);
        var hash = Sha2Cores.Create(Sha2Cores.InitialState(options.Hash));
        await DocumentHasher.AppendAsync(hash, options.TextMode, data, cancellationToken).ConfigureAwait(false);
        return Finish(signer, hash, DocumentType(options), options.CreationTime, options.ExpiresAfter, options.Armored);
    }

    internal string SignCleartext(KeySigner signer, string text, HashAlgorithm hash, DateTimeOffset? creationTime, TimeSpan? expiresAfter = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Sha2Family.Require(hash, nameof(hash));
        var lines = CleartextFormat.Lines(text);
        var core = Sha2Cores.Create(Sha2Cores.InitialState(hash));
        core.Append(CleartextFormat.SignedBytes(lines, Encoding.UTF8));
        var signature = SignatureCore.Sign(signer, core, SignatureCore.CanonicalTextDocument, creationTime ?? _timeProvider.GetUtcNow(), expiresAfter);
        return CleartextFormat.Compose(lines, Sha2Family.Name(hash), Armor.Encode(signature, ArmorKind.Signature));
    }

    internal byte[] SignHashState(KeySigner signer, ReadOnlySpan<byte> encodedState, HashStateSignOptions? options)
    {
        options ??= new HashStateSignOptions();
        var core = Sha2Cores.Create(HashStateEncoding.Decode(encodedState));
        return Finish(signer, core, SignatureCore.BinaryDocument, options.CreationTime, options.ExpiresAfter, options.Armored);
    }

    private static byte DocumentType(SignOptions options) =>
        options.TextMode ? SignatureCore.CanonicalTextDocument : SignatureCore.BinaryDocument;

    private byte[] Finish(KeySigner signer, ISha2Core hashedData, byte signatureType, DateTimeOffset? creationTime, TimeSpan? expiresAfter, bool armored)
    {
        var packet = SignatureCore.Sign(signer, hashedData, signatureType, creationTime ?? _timeProvider.GetUtcNow(), expiresAfter);
        return armored ? Encoding.ASCII.GetBytes(Armor.Encode(packet, ArmorKind.Signature)) : packet;
    }

    private static SignOptions Validate(SignOptions? options)
    {
        options ??= new SignOptions();
        Sha2Family.Require(options.Hash, nameof(options));
        return options;
    }

    /// <summary>
    /// The key that signs, chosen at the signature's creation time (the clock's now unless the options give one) from
    /// the key's state then: validity is judged per signature, never remembered.
    /// </summary>
    private KeySigner SignerOf(OpenPgpKey key, DateTimeOffset? creationTime)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.SignerAt(creationTime ?? _timeProvider.GetUtcNow()).Raw;
    }
}
