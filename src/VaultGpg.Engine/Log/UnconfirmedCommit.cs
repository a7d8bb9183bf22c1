using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Log;

/// <summary>
/// A commit whose checkpoint is signed but not known to be stored (a write failed): the next commit writes it again
/// before appending, unless the stored checkpoint moved on, so that no other root is ever signed for its size.
/// </summary>
internal sealed record UnconfirmedCommit(string BaseCheckpoint, IReadOnlyList<StorageEntry> Writes, LogEdge Edge, string CheckpointText);
