using Xunit;

namespace VaultGpg.TestSupport;

/// <summary>A fact that needs Debian's in-toto (in-toto-keygen, in-toto-run) and gpg; skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class InTotoFactAttribute : FactAttribute
{
    public InTotoFactAttribute()
    {
        Skip = RequiredTools.MissingReason(InTotoBuilders.Tools);
    }
}
