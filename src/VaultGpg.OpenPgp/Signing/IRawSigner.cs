namespace VaultGpg.OpenPgp.Signing;

/// <summary>The public-key step of a signature: signs a finished digest and returns the algorithm-specific MPIs,
/// already encoded as they appear at the end of a signature packet. Implementations are thread-safe.</summary>
internal interface IRawSigner
{
    byte[] SignDigest(HashAlgorithm hash, ReadOnlySpan<byte> digest);
}
