namespace VaultGpg.OpenPgp.Hashing;

/// <summary>
/// The complete intermediate state of a SHA-2 computation: the chaining value after the last full block, the total
/// number of bytes fed so far and the bytes of the block not yet compressed. Invariants (checked by whoever builds
/// one from outside data): <c>Pending.Length == ByteCount % blockSize</c>, eight words, 32-bit words for SHA-224/256.
/// </summary>
internal sealed record Sha2State(HashAlgorithm Algorithm, ulong ByteCount, ulong[] Words, byte[] Pending);
