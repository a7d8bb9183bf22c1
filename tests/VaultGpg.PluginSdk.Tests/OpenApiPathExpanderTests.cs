using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Framework.Internal;

namespace VaultGpg.PluginSdk.Tests;

/// <summary>Patterns turned into OpenAPI paths the way Vault's expandPattern does.</summary>
public sealed class OpenApiPathExpanderTests
{
    public static TheoryData<string, string[]> Expansions => new()
    {
        { "keys", ["keys"] },
        { "keys/?", ["keys"] },
        { "keys/" + PathPatterns.GenericNameRegex("name"), ["keys/{name}"] },
        { "keys/" + PathPatterns.GenericNameRegex("name") + "/?", ["keys/{name}"] },
        { "sign/" + PathPatterns.GenericNameRegex("name") + PathPatterns.OptionalParamRegex("urlalgorithm"), ["sign/{name}", "sign/{name}/{urlalgorithm}"] },
        { "(?:encrypt|decrypt)/x", ["encrypt/x", "decrypt/x"] },
        { "config/(keys|other)", ["config/keys", "config/other"] },
        { "export/(?<type>a|b)(?:/(?<version>[0-9]+))?", ["export/{type}", "export/{type}/{version}"] },
        { @"keys\.json", ["keys.json"] },
        { "^anchored$", ["anchored"] },
        { "keys/(?P<name>[a-z]+)".Replace("(?P<", "(?<", StringComparison.Ordinal), ["keys/{name}"] },
    };

    [Theory]
    [MemberData(nameof(Expansions))]
    public void Expand_SupportedPattern_GivesVaultPaths(string pattern, string[] expected)
    {
        var expanded = OpenApiPathExpander.Expand(pattern);

        Assert.NotNull(expanded);
        Assert.Equal(expected.Order(StringComparer.Ordinal), expanded.Paths.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(".*")]
    [InlineData("keys/[a-z]+")]
    [InlineData("keys/a+")]
    [InlineData("keys/a*")]
    [InlineData(@"keys/\d")]
    [InlineData("keys/(?=x)")]
    [InlineData("keys/a{2}")]
    public void Expand_PatternWithoutPathForm_ReturnsNull(string pattern)
    {
        Assert.Null(OpenApiPathExpander.Expand(pattern));
    }

    [Fact]
    public void Expand_OptionalCapture_IsReportedAsCapture()
    {
        var expanded = OpenApiPathExpander.Expand("a" + PathPatterns.OptionalParamRegex("rest"));

        Assert.Contains("rest", expanded!.Captures);
    }
}
