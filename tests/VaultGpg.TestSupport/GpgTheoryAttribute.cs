using Xunit;

namespace VaultGpg.TestSupport;

/// <summary>The theory counterpart of <see cref="GpgFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class GpgTheoryAttribute : TheoryAttribute
{
    public GpgTheoryAttribute(params string[] alsoRequired)
    {
        Skip = RequiredTools.MissingReason(alsoRequired);
    }
}
