using CsCheck;
using VaultGpg.OpenPgp.Hashing;

namespace VaultGpg.OpenPgp.Tests.Hashing;

public sealed class HashStatePropertyTests(FuzzSamplesFixture samples) : IClassFixture<FuzzSamplesFixture>
{
    private static readonly Gen<HashAlgorithm> Algorithm =
        Gen.OneOf(Gen.Const(HashAlgorithm.Sha224), Gen.Const(HashAlgorithm.Sha256), Gen.Const(HashAlgorithm.Sha384), Gen.Const(HashAlgorithm.Sha512));

    [Fact]
    public void Import_RandomOrMutatedStates_ResumesOrRefuses() => samples.Check("hashstate");

    [Fact]
    public void ExportThenImport_AtAnySplit_GivesTheOneShotDigest() =>
        Gen.Select(Algorithm, Gen.Byte.Array[0, 700], Gen.Int[0, 700]).Sample(
            (algorithm, data, split) =>
            {
                var at = Math.Min(split, data.Length);
                var first = ResumableHash.Create(algorithm);
                first.Append(data.AsSpan(0, at));
                var whole = ResumableHash.Create(algorithm);
                whole.Append(data);

                var state = first.ExportState();
                var resumed = ResumableHash.Import(state);
                Assert.Equal(state, resumed.ExportState());
                resumed.Append(data.AsSpan(at));

                Assert.Equal(whole.Finish(), resumed.Finish());
            },
            iter: 2_000);
}
