using System.Text.RegularExpressions;
using VaultGpg.PluginSdk.Framework;

namespace VaultGpg.PluginSdk.Tests;

public sealed class PathPatternsTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("release-key_2.v1", true)]
    [InlineData("_x_", true)]
    [InlineData("-a", false)]
    [InlineData("a.", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    [InlineData("", false)]
    public void GenericNameRegex_Name_MatchesLettersDigitsUnderscoreDashDot(string name, bool matches)
    {
        var regex = new Regex("^" + PathPatterns.GenericNameRegex("name") + "$", RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.Equal(matches, regex.IsMatch(name));
    }

    [Fact]
    public void OptionalParamRegex_WithAndWithoutSegment_CapturesOnlyWhenPresent()
    {
        var regex = new Regex("^x" + PathPatterns.OptionalParamRegex("rest") + "$", RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.False(regex.Match("x").Groups["rest"].Success);
        Assert.Equal("a/b", regex.Match("x/a/b").Groups["rest"].Value);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("a>b")]
    [InlineData(" ")]
    public void GenericNameRegex_InvalidCaptureName_Throws(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => PathPatterns.GenericNameRegex(name));
    }

    [Fact]
    public void Name_Field_UsesTheFieldName()
    {
        Assert.Equal(PathPatterns.GenericNameRegex("key"), PathPatterns.Name(Field.NameString("key", "A key.")));
    }
}
