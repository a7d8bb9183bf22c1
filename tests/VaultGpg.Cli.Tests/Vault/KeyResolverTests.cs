using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Tests.Vault;

public sealed class KeyResolverTests
{
    private static readonly IReadOnlyList<KeyFacts> Keys =
    [
        new KeyFacts
        {
            Name = "release", Fingerprint = "AAAABBBBCCCCDDDDEEEEFFFF0000111122223333",
            UserIds = ["Release Bot <release@example.test>"],
            Subkeys = [new SubkeyFacts { Fingerprint = "9999888877776666555544443333222211110000" }],
        },
        new KeyFacts { Name = "nightly", Fingerprint = "1111222233334444555566667777888899990000", UserIds = ["Nightly Builds (ci) <nightly@example.test>"] },
        new KeyFacts { Name = "nightly-old", Fingerprint = "0000999988887777666655554444333322221111", UserIds = ["Nightly Builds (old) <old@example.test>"] },
    ];

    [Theory]
    [InlineData("AAAABBBBCCCCDDDDEEEEFFFF0000111122223333", "release")]
    [InlineData("aaaabbbbccccddddeeeeffff0000111122223333", "release")]
    [InlineData("0x0000111122223333", "release")]
    [InlineData("22223333", "release")]
    [InlineData("3333222211110000", "release")]
    [InlineData("release@example.test", "release")]
    [InlineData("<RELEASE@example.test>", "release")]
    [InlineData("Someone Else <nightly@example.test>", "nightly")]
    [InlineData("nightly", "nightly")]
    [InlineData("Release Bot", "release")]
    [InlineData("(old)", "nightly-old")]
    public void Match_GpgStyleSpecifications_FindTheKey(string spec, string expected)
    {
        var match = Assert.Single(KeyResolver.Match(Keys, KeyResolver.Normalize(spec)));

        Assert.Equal(expected, match.Name);
    }

    [Fact]
    public void Match_SubstringOfSeveralUserIds_AllReturned()
    {
        Assert.Equal(2, KeyResolver.Match(Keys, "Nightly Builds").Count);
    }

    [Fact]
    public void Match_Nothing_Empty()
    {
        Assert.Empty(KeyResolver.Match(Keys, "nobody@example.test"));
    }

    [Theory]
    [InlineData("release", true)]
    [InlineData("a.b-c@d", true)]
    [InlineData("AAAABBBB", true)]
    [InlineData("Release Bot <r@e>", false)]
    [InlineData("-dash", false)]
    [InlineData("x/y", false)]
    public void IsVaultName_FollowsVaultsNameRegex(string spec, bool expected)
    {
        Assert.Equal(expected, KeyResolver.IsVaultName(spec));
    }

    [Fact]
    public void Normalize_GpgExactMarker_Stripped()
    {
        Assert.Equal("ABCDEF0123456789", KeyResolver.Normalize(" ABCDEF0123456789! "));
    }
}
