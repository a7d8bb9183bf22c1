using VaultGpg.Cli.Signing;

namespace VaultGpg.Cli.Tests.Signing;

public sealed class BatchPlannerTests
{
    [Fact]
    public void Plan_84HashedFilesFourJobs_EightBatchesCoveringAllInOrder()
    {
        var batches = BatchPlanner.Plan(new long[84], jobs: 4, maxBatchBytes: 1 << 20, maxBatchItems: 5000);

        Assert.Equal(8, batches.Count);
        Assert.Equal(Enumerable.Range(0, 84), batches.SelectMany(b => b));
    }

    [Fact]
    public void Plan_InlineBytesOverLimit_ClosesBatchEarly()
    {
        var batches = BatchPlanner.Plan([600, 600, 600, 10], jobs: 1, maxBatchBytes: 1000, maxBatchItems: 5000);

        Assert.Equal([[0], [1], [2, 3]], batches.Select(b => b.ToArray()));
    }

    [Fact]
    public void Plan_FileLargerThanLimit_StillGetsABatchOfItsOwn()
    {
        var batches = BatchPlanner.Plan([5000], jobs: 1, maxBatchBytes: 1000, maxBatchItems: 10);

        Assert.Equal([[0]], batches.Select(b => b.ToArray()));
    }

    [Fact]
    public void Plan_ItemLimit_Respected()
    {
        var batches = BatchPlanner.Plan(new long[12_000], jobs: 1, maxBatchBytes: long.MaxValue, maxBatchItems: 5000);

        Assert.Equal([5000, 5000, 2000], batches.Select(b => b.Count));
    }
}
