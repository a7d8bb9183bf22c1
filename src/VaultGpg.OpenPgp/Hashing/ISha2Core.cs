namespace VaultGpg.OpenPgp.Hashing;

/// <summary>One running SHA-2 computation whose state can be taken out and put back. Not thread-safe.</summary>
internal interface ISha2Core
{
    HashAlgorithm Algorithm { get; }

    ulong ByteCount { get; }

    void Append(ReadOnlySpan<byte> data);

    Sha2State Export();

    /// <summary>Pads and writes the digest; the core must not be used afterwards.</summary>
    void Finish(Span<byte> digest);
}
