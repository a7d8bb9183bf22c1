using VaultGpg.Fuzz;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests;

/// <summary>The fuzzer's valid seed samples (keys, signatures, armor, hash states made by the library), made once per
/// test class, and the fuzz targets run as properties on random bytes and mutations of those samples.</summary>
public sealed class FuzzSamplesFixture
{
    private readonly Dictionary<string, List<byte[]>> _samples = SeedCorpus.Make();

    /// <summary>Runs fuzz target <paramref name="target"/> (its parser must return or refuse with
    /// <see cref="OpenPgpException"/>, and keep its round trips) on random and mutated inputs.</summary>
    public void Check(string target, long iterations = 20_000) =>
        FuzzInputs.Check(FuzzInputs.RandomOrMutated(_samples[target]), FuzzTargets.All[target], iterations);
}
