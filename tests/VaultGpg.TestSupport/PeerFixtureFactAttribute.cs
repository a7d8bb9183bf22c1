using Xunit;

namespace VaultGpg.TestSupport;

/// <summary>A fact that needs the peer fixtures (<see cref="PeerFixtures"/>) and gpg; skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PeerFixtureFactAttribute : FactAttribute
{
    public PeerFixtureFactAttribute()
    {
        Skip = PeerFixtures.MissingReason ?? RequiredTools.MissingReason([]);
    }
}
