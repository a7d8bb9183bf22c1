namespace VaultGpg.OpenPgp.Hashing;

/// <summary>
/// A SHA-2 hash whose intermediate state can be exported after any number of bytes and resumed elsewhere, e.g. a
/// client hashing a large file and sending only the state to the signer. The encoding is specified in HASH-STATE.md.
/// Runs on OpenSSL's libcrypto when available (native speed), otherwise on a managed implementation; both give the
/// same digests and states. An instance is not thread-safe; use one per computation.
/// </summary>
public sealed class ResumableHash
{
    private const int StreamBufferSize = 1 << 20;
    private readonly ISha2Core _core;
    private bool _finished;

    private ResumableHash(ISha2Core core)
    {
        _core = core;
    }

    public HashAlgorithm Algorithm => _core.Algorithm;

    /// <summary>Bytes appended so far, including those of any imported state.</summary>
    public long BytesHashed => (long)_core.ByteCount;

    /// <summary>Starts a fresh hash. <paramref name="algorithm"/> must be a defined <see cref="HashAlgorithm"/>.</summary>
    public static ResumableHash Create(HashAlgorithm algorithm) => Create(algorithm, Sha2Implementation.Default);

    /// <summary>Resumes from an encoded state; malformed encodings throw <see cref="OpenPgpException"/> (MalformedInput).</summary>
    public static ResumableHash Import(ReadOnlySpan<byte> encodedState) =>
        Import(encodedState, Sha2Implementation.Default);

    internal static ResumableHash Create(HashAlgorithm algorithm, Sha2Implementation implementation) =>
        new(Sha2Cores.Create(Sha2Cores.InitialState(Sha2Family.Require(algorithm, nameof(algorithm))), implementation));

    internal static ResumableHash Import(ReadOnlySpan<byte> encodedState, Sha2Implementation implementation) =>
        new(Sha2Cores.Create(HashStateEncoding.Decode(encodedState), implementation));

    public void Append(ReadOnlySpan<byte> data)
    {
        EnsureNotFinished();
        if ((ulong)data.Length > Sha2Family.MaxMessageBytes - _core.ByteCount)
        {
            throw new OpenPgpException(OpenPgpErrorKind.InvalidInput, "data exceeds the SHA-2 message length limit");
        }

        _core.Append(data);
    }

    /// <summary>Appends everything <paramref name="stream"/> yields until its end.</summary>
    public async Task AppendAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[StreamBufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Append(buffer.AsSpan(0, read));
        }
    }

    /// <summary>The current state in the version 1 encoding. The hash can continue afterwards.</summary>
    public byte[] ExportState()
    {
        EnsureNotFinished();
        return HashStateEncoding.Encode(_core.Export());
    }

    /// <summary>Pads and returns the digest. The instance cannot be used afterwards.</summary>
    public byte[] Finish()
    {
        EnsureNotFinished();
        _finished = true;
        var digest = new byte[Sha2Family.DigestSize(Algorithm)];
        _core.Finish(digest);
        return digest;
    }

    internal ISha2Core DetachCore()
    {
        EnsureNotFinished();
        _finished = true;
        return _core;
    }

    private void EnsureNotFinished() =>
        ObjectDisposedException.ThrowIf(_finished, this);
}
