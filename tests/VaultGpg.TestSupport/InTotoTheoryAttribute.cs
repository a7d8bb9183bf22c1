using Xunit;

namespace VaultGpg.TestSupport;

/// <summary>A theory that needs Debian's in-toto (and with it python3-securesystemslib) and gpg; skipped otherwise.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class InTotoTheoryAttribute : TheoryAttribute
{
    public InTotoTheoryAttribute()
    {
        Skip = RequiredTools.MissingReason(InTotoBuilders.Tools);
    }
}
