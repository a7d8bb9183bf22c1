namespace VaultGpg.Engine.Log;

/// <summary>One request's entries waiting for the next group commit, and where its outcome goes.</summary>
internal sealed class PendingAppend(IReadOnlyList<byte[]> entries)
{
    public IReadOnlyList<byte[]> Entries => entries;

    public TaskCompletionSource<LogCommit> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
