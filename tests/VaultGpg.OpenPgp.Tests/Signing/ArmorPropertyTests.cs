using CsCheck;
using VaultGpg.OpenPgp.Signing;

namespace VaultGpg.OpenPgp.Tests.Signing;

public sealed class ArmorPropertyTests(FuzzSamplesFixture samples) : IClassFixture<FuzzSamplesFixture>
{
    [Fact]
    public void Decode_RandomOrMutatedArmor_ReturnsBytesOrRefuses() => samples.Check("armor");

    [Fact]
    public void Decode_EncodedBytesOfAnyKind_ReturnsTheBytes() =>
        Gen.Select(Gen.Byte.Array[0, 2000], Gen.Enum<ArmorKind>())
            .Sample((data, kind) => Assert.Equal(data, Armor.Decode(Armor.Encode(data, kind))), iter: 1_000);

    [Fact]
    public void Decode_CrlfLinesWithTrailingBlanks_ReturnsTheSameBytes() =>
        Gen.Byte.Array[0, 1000].Sample(
            data =>
            {
                var armored = Armor.Encode(data, ArmorKind.Signature).Replace("\n", " \t\r\n", StringComparison.Ordinal);

                Assert.Equal(data, Armor.Decode("text before the block\r\n" + armored));
            },
            iter: 2_000);
}
