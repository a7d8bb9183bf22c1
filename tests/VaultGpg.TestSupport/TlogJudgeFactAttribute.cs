using Xunit;

namespace VaultGpg.TestSupport;

/// <summary>A fact judged by Go's transparency-log code; skipped with the reason when Go is missing (CI treats a skip as a failure).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class TlogJudgeFactAttribute : FactAttribute
{
    public TlogJudgeFactAttribute()
    {
        Skip = TlogJudge.MissingReason;
    }
}
