namespace VaultGpg.Cli.Signing;

/// <summary>
/// Splits a file list into batch requests: in order, closing a batch when its inline bytes or item count reach the
/// limits, and never putting more than a fair share of the files in one batch so that <c>--jobs</c> requests can run at
/// once (the engine signs the items of a batch in parallel too; several batches also overlap local hashing with it).
/// </summary>
internal static class BatchPlanner
{
    /// <summary>Batches of file indexes; <paramref name="inlineBytes"/> holds, per file, the bytes it adds to a
    /// request (0 for files sent as hash state).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Plan(IReadOnlyList<long> inlineBytes, int jobs, long maxBatchBytes, int maxBatchItems)
    {
        ArgumentNullException.ThrowIfNull(inlineBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchItems, 1);

        // Two batches per job keep every worker busy while the last ones finish.
        var fairShare = (int)Math.Ceiling(inlineBytes.Count / (double)(jobs * 2));
        var itemsPerBatch = Math.Clamp(fairShare, 1, maxBatchItems);
        var batches = new List<IReadOnlyList<int>>();
        var current = new List<int>();
        long currentBytes = 0;
        for (var i = 0; i < inlineBytes.Count; i++)
        {
            if (current.Count > 0 && (current.Count >= itemsPerBatch || currentBytes + inlineBytes[i] > maxBatchBytes))
            {
                batches.Add(current);
                current = [];
                currentBytes = 0;
            }

            current.Add(i);
            currentBytes += inlineBytes[i];
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }
}
