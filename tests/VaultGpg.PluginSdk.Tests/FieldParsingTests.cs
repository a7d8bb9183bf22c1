using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.PluginSdk.Tests.Support;

namespace VaultGpg.PluginSdk.Tests;

/// <summary>How each field type parses what Vault sends: JSON values from the API and strings from the CLI.</summary>
public sealed class FieldParsingTests
{
    private static readonly FieldSchema<string> Text = Field.String("text", "Some text.");
    private static readonly FieldSchema<string> Name = Field.NameString("name", "A name.");
    private static readonly FieldSchema<string> Sized = Field.NameString("sized", "A short name.", maxLength: 8);
    private static readonly FieldSchema<int> Count = Field.Int("count", "A count.");
    private static readonly FieldSchema<bool> Flag = Field.Bool("flag", "A flag.");
    private static readonly FieldSchema<TimeSpan> Ttl = Field.DurationSeconds("ttl", "A duration.");
    private static readonly FieldSchema<IReadOnlyList<string>> Comma = Field.CommaStringSlice("comma", "A comma list.");
    private static readonly FieldSchema<IReadOnlyList<string>> Strings = Field.StringList("strings", "A string list.");
    private static readonly FieldSchema<System.Text.Json.Nodes.JsonObject> Map = Field.Map("map", "An object.");
    private static readonly FieldSchema<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> Batch = Field.ObjectList("batch", "A batch.");

    private readonly FieldCapture _capture = new();
    private readonly TestBackend _backend;

    public FieldParsingTests()
    {
        _backend = TestBackend.Create(new PathDefinition("f")
        {
            Fields = [Text, Name, Sized, Count, Flag, Ttl, Comma, Strings, Map, Batch],
            Operations = { [Operation.Update] = new(_capture.HandleAsync) },
        });
    }

    [Theory]
    [InlineData("\"hello\"", "hello")]
    [InlineData("\"\"", "")]
    [InlineData("42", "42")]
    [InlineData("1.5", "1.5")]
    [InlineData("1e3", "1e3")]
    [InlineData("true", "1")]
    [InlineData("false", "0")]
    public async Task String_AcceptedInput_ParsesToText(string json, string expected) =>
        Assert.Equal(expected, await ParseAsync(Text, json));

    [Theory]
    [InlineData("\"release-key\"", "release-key")]
    [InlineData("\"a\"", "a")]
    [InlineData("\"key.v2_final\"", "key.v2_final")]
    public async Task NameString_ValidName_Parses(string json, string expected) =>
        Assert.Equal(expected, await ParseAsync(Name, json));

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("3.0", 3)]
    [InlineData("1e3", 1000)]
    [InlineData("\"12\"", 12)]
    [InlineData("\" 12 \"", 12)]
    [InlineData("\"\"", 0)]
    [InlineData("true", 1)]
    public async Task Int_AcceptedInput_ParsesToInteger(string json, int expected) =>
        Assert.Equal(expected, await ParseAsync(Count, json));

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"1\"", true)]
    [InlineData("\"T\"", true)]
    [InlineData("\"False\"", false)]
    [InlineData("\"0\"", false)]
    [InlineData("\"\"", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public async Task Bool_AcceptedInput_ParsesToBoolean(string json, bool expected) =>
        Assert.Equal(expected, await ParseAsync(Flag, json));

    [Theory]
    [InlineData("90", 90)]
    [InlineData("\"90\"", 90)]
    [InlineData("\"90s\"", 90)]
    [InlineData("\"30m\"", 1800)]
    [InlineData("\"1h\"", 3600)]
    [InlineData("\"1h30m\"", 5400)]
    [InlineData("\"1.5h\"", 5400)]
    [InlineData("\"2d\"", 172800)]
    [InlineData("\"1500ms\"", 1)]
    [InlineData("\"0\"", 0)]
    [InlineData("\"\"", 0)]
    [InlineData("12.9", 12)]
    [InlineData("9223372036", 9223372036)]
    [InlineData("\"9223372036\"", 9223372036)]
    public async Task DurationSeconds_AcceptedInput_ParsesToWholeSeconds(string json, long expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), await ParseAsync(Ttl, json));

    [Theory]
    [InlineData("\"a,b, c\"", new[] { "a", "b", "c" })]
    [InlineData("\"single\"", new[] { "single" })]
    [InlineData("\"\"", new string[0])]
    [InlineData("[\"a\",\" b \"]", new[] { "a", "b" })]
    [InlineData("[]", new string[0])]
    [InlineData("7", new[] { "7" })]
    public async Task CommaStringSlice_AcceptedInput_SplitsAndTrims(string json, string[] expected) =>
        Assert.Equal(expected, await ParseAsync(Comma, json));

    [Theory]
    [InlineData("[\"a,b\",\"c\"]", new[] { "a,b", "c" })]
    [InlineData("\"a,b\"", new[] { "a,b" })]
    [InlineData("\"\"", new string[0])]
    public async Task StringList_AcceptedInput_KeepsCommas(string json, string[] expected) =>
        Assert.Equal(expected, await ParseAsync(Strings, json));

    [Fact]
    public async Task Map_Object_ParsesToJsonObject()
    {
        var value = await ParseAsync(Map, """{"a":1,"b":{"c":"d"}}""");

        Assert.Equal(1, (int)value["a"]!);
        Assert.Equal("d", (string?)value["b"]?["c"]);
    }

    [Fact]
    public async Task ObjectList_ArrayOfObjects_ParsesEachObject()
    {
        var value = await ParseAsync(Batch, """[{"input":"aGk="},{"input":"eW8="}]""");

        Assert.Equal(["aGk=", "eW8="], value.Select(o => (string)o["input"]!));
    }

    [Theory]
    [InlineData("text", "{}", "expected a string")]
    [InlineData("text", "[\"a\"]", "expected a string")]
    [InlineData("name", "\"a/b\"", "must contain only letters")]
    [InlineData("name", "\"-a\"", "must contain only letters")]
    [InlineData("name", "\"a-\"", "must contain only letters")]
    [InlineData("name", "\"\"", "must contain only letters")]
    [InlineData("name", "\"ключ\"", "must contain only letters")]
    [InlineData("name", "\"a..b\"", "must not contain \"..\"")]
    [InlineData("name", "\"a...\"", "must contain only letters")]
    [InlineData("count", "1.5", "expected an integer")]
    [InlineData("count", "\"ten\"", "expected an integer")]
    [InlineData("count", "\"0x10\"", "expected an integer")]
    [InlineData("count", "3000000000", "expected an integer")]
    [InlineData("count", "[1]", "expected an integer")]
    [InlineData("flag", "\"yes\"", "expected a boolean")]
    [InlineData("flag", "{}", "expected a boolean")]
    [InlineData("ttl", "\"soon\"", "expected a duration")]
    [InlineData("ttl", "\"1y\"", "expected a duration")]
    [InlineData("ttl", "\"h\"", "expected a duration")]
    [InlineData("ttl", "-5", "cannot be negative")]
    [InlineData("ttl", "\"-5m\"", "cannot be negative")]
    [InlineData("ttl", "true", "expected a duration")]
    [InlineData("ttl", "9223372037", "out of range")]
    [InlineData("ttl", "1000000000000", "out of range")]
    [InlineData("ttl", "-1000000000000", "out of range")]
    [InlineData("ttl", "1e300", "out of range")]
    [InlineData("ttl", "\"1000000000000\"", "out of range")]
    [InlineData("ttl", "\"99999999999999999999999999\"", "out of range")]
    [InlineData("ttl", "\"-99999999999999999999999999\"", "out of range")]
    [InlineData("ttl", "\"3000000h\"", "out of range")]
    [InlineData("ttl", "\"1e400h\"", "expected a duration")]
    [InlineData("comma", "{}", "expected a list of strings")]
    [InlineData("comma", "[{}]", "expected a list of strings")]
    [InlineData("strings", "[true]", "expected a list of strings")]
    [InlineData("map", "\"{}\"", "expected a JSON object")]
    [InlineData("map", "[]", "expected a JSON object")]
    [InlineData("batch", "{}", "expected a list of JSON objects")]
    [InlineData("batch", "[1]", "expected a list of JSON objects")]
    [InlineData("sized", "\"abcdefghi\"", "must be at most 8 characters long")]
    [InlineData("sized", "\"a..b\"", "must not contain")]
    public async Task Update_ValueOfWrongType_Returns400NamingFieldAndProblem(string field, string json, string problem)
    {
        // Act
        var response = await _backend.SendAsync(Operation.Update, "f", $$"""{"{{field}}":{{json}}}""");

        // Assert
        LogicalAssert.InvalidRequest(response, "Field validation failed: ", $"for field \"{field}\"", problem);
        Assert.Equal(0, _capture.Calls);
    }

    [Fact]
    public async Task Update_NullValue_CountsAsNotSent()
    {
        await _backend.SendAsync(Operation.Update, "f", """{"count":null}""");

        Assert.False(_capture.Received.TryGet(Count, out _));
    }

    private async Task<T> ParseAsync<T>(FieldSchema<T> field, string json)
        where T : notnull
    {
        var response = await _backend.SendAsync(Operation.Update, "f", $$"""{"{{field.Name}}":{{json}}}""");
        Assert.Null(response);
        Assert.True(_capture.Received.TryGet(field, out var value));
        return value;
    }
}
