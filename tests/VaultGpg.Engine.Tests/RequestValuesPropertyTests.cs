using CsCheck;
using VaultGpg.Engine.Paths;
using VaultGpg.Fuzz;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

/// <summary>The request decoders never throw: any string is a value or a 400 (the exact base64 rules are tested
/// where they are defined; these hold for lenient and strict decoding alike).</summary>
public sealed class RequestValuesPropertyTests
{
    /// <summary>Base64's alphabet, padding, whitespace and a few characters that are not base64.</summary>
    private static readonly Gen<string> Base64Like = Gen.String[Gen.Char["ABCXYZabcxyz0189+/=-_ \t\r\n\u00A0\u2028é"], 0, 200];

    [Fact]
    public void Base64_AnyString_ReturnsBytesOrAProblemNamingTheField() =>
        Gen.OneOf(Gen.String, Base64Like).Sample(
            text =>
            {
                var parsed = RequestValues.Base64("input", text);

                Assert.True(parsed.Failed ? parsed.Problem.Field == "input" : parsed.Value is not null);
            },
            iter: 20_000);

    [Fact]
    public void Base64_RandomOrMutatedInputs_NeverThrows() =>
        FuzzInputs.Check(FuzzInputs.RandomOrMutated(SeedCorpus.Make()["base64"]), FuzzTargets.All["base64"]);

    [Fact]
    public void Base64_StandardEncodingOfAnyBytes_ReturnsTheBytes() =>
        Gen.Byte.Array[0, 1000].Sample(
            data => Assert.Equal(data, RequestValues.Base64("input", Convert.ToBase64String(data)).Value),
            iter: 2_000);
}
