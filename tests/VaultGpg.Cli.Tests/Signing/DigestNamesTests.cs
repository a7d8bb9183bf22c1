using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Signing;
using VaultGpg.OpenPgp;

namespace VaultGpg.Cli.Tests.Signing;

public sealed class DigestNamesTests
{
    [Theory]
    [InlineData("SHA256", HashAlgorithm.Sha256)]
    [InlineData("sha256", HashAlgorithm.Sha256)]
    [InlineData("SHA-256", HashAlgorithm.Sha256)]
    [InlineData("sha2-256", HashAlgorithm.Sha256)]
    [InlineData("8", HashAlgorithm.Sha256)]
    [InlineData("H8", HashAlgorithm.Sha256)]
    [InlineData("SHA224", HashAlgorithm.Sha224)]
    [InlineData("sha384", HashAlgorithm.Sha384)]
    [InlineData("10", HashAlgorithm.Sha512)]
    [InlineData("sha2-512", HashAlgorithm.Sha512)]
    public void Parse_GpgRpmAndVaultSpellings_Recognised(string name, HashAlgorithm expected)
    {
        Assert.Equal(expected, DigestNames.Parse(name, "--digest-algo"));
    }

    [Theory]
    [InlineData("SHA1", "SHA-2 only")]
    [InlineData("md5", "SHA-2 only")]
    [InlineData("2", "SHA-2 only")]
    [InlineData("whirlpool", "unknown digest")]
    public void Parse_WeakOrUnknown_Refused(string name, string expected)
    {
        var error = Assert.Throws<UsageException>(() => DigestNames.Parse(name, "--digest-algo"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToVault_EveryAlgorithm_EngineName()
    {
        Assert.Equal(
            ["sha2-256", "sha2-384", "sha2-512", "sha2-224"],
            Enum.GetValues<HashAlgorithm>().Select(DigestNames.ToVault));
    }
}
