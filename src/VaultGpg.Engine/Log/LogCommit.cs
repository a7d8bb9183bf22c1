using VaultGpg.Transparency;

namespace VaultGpg.Engine.Log;

/// <summary>
/// Where one append's entries landed: the first index, and the signed checkpoint that made them durable. The tiles
/// that commit wrote are kept so that proofs against its checkpoint can be made without reading them back.
/// </summary>
internal sealed record LogCommit(long FirstIndex, SignedNote Checkpoint, long Size, IReadOnlyDictionary<TileId, byte[]> Written);
