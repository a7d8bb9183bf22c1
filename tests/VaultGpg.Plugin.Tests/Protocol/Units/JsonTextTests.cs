using System.Text.Json;
using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Hosting.Translation;

namespace VaultGpg.Plugin.Tests.Protocol.Units;

public sealed class JsonTextTests
{
    [Fact]
    public void Write_NullObject_IsJsonNullNeverEmpty() => Assert.Equal("null", JsonText.Write(null));

    [Fact]
    public void Write_Object_IsCompactJson() =>
        Assert.Equal("{\"a\":1,\"b\":\"x\"}", JsonText.Write(new JsonObject { ["a"] = 1, ["b"] = "x" }));

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("  ")]
    public void ParseElement_NoData_IsNull(string text) => Assert.Null(JsonText.ParseElement(text));

    [Fact]
    public void ParseElement_Object_KeepsValuesAfterTheDocumentIsGone()
    {
        var element = JsonText.ParseElement("{\"n\":1.5,\"s\":\"v\"}");

        Assert.Equal(1.5, element!.Value.GetProperty("n").GetDouble());
        Assert.Equal("v", element.Value.GetProperty("s").GetString());
    }

    [Fact]
    public void ParseObject_Array_Throws() => Assert.ThrowsAny<JsonException>(() => JsonText.ParseObject("[1]"));
}
