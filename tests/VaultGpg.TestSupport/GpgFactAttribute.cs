using Xunit;

namespace VaultGpg.TestSupport;

/// <summary>
/// A fact that needs gpg (and gpgconf) plus any further programs named, e.g. <c>[GpgFact("rpmkeys")]</c>.
/// When one is missing the test is reported skipped with the reason; CI treats a skip as a failure.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class GpgFactAttribute : FactAttribute
{
    public GpgFactAttribute(params string[] alsoRequired)
    {
        Skip = RequiredTools.MissingReason(alsoRequired);
    }
}
