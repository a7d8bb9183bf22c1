using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.PluginSdk.Tests.Support;

namespace VaultGpg.PluginSdk.Tests;

/// <summary>Required fields, allowed values, defaults and "sent or not" before and inside handlers.</summary>
public sealed class FieldValidationTests
{
    private static readonly FieldSchema<string> Input = Field.String("input", "Base64-encoded data.", required: true);
    private static readonly FieldSchema<string> Format = Field.String("format", "base64 or ascii-armor.", @default: "base64", allowed: ["base64", "ascii-armor"]);
    private static readonly FieldSchema<int> Bits = Field.Int("key_bits", "2048, 3072 or 4096.", @default: 2048, allowed: [2048, 3072, 4096]);
    private static readonly FieldSchema<IReadOnlyList<string>> Usages = Field.CommaStringSlice("usages", "sign, encrypt.", allowed: ["sign", "encrypt"]);
    private static readonly FieldSchema<bool> Exportable = Field.Bool("exportable", "Whether the key can be exported.");
    private static readonly FieldSchema<TimeSpan> Ttl = Field.DurationSeconds("ttl", "Lifetime.", @default: TimeSpan.FromHours(1));
    private static readonly FieldSchema<string> Passphrase = Field.String("passphrase", "Passphrase.", allowed: ["p1"]) with { Sensitive = true };
    private static readonly FieldSchema<string> Undeclared = Field.String("undeclared", "Not on the path.");

    private readonly FieldCapture _capture = new();
    private readonly TestBackend _backend;

    public FieldValidationTests()
    {
        _backend = TestBackend.Create(new PathDefinition("v")
        {
            Fields = [Input, Format, Bits, Usages, Exportable, Ttl, Passphrase],
            Operations =
            {
                [Operation.Update] = new(_capture.HandleAsync),
                [Operation.Read] = new(_capture.HandleAsync),
                [Operation.Delete] = new(_capture.HandleAsync),
            },
        });
    }

    [Fact]
    public async Task Update_RequiredFieldMissing_Returns400NamingIt()
    {
        var response = await _backend.SendAsync(Operation.Update, "v", "{}");

        LogicalAssert.InvalidRequest(response, "Field validation failed: ", "missing required field \"input\"");
        Assert.Equal(0, _capture.Calls);
    }

    [Fact]
    public async Task Update_RequiredFieldSentAsNull_Returns400()
    {
        var response = await _backend.SendAsync(Operation.Update, "v", """{"input":null}""");

        LogicalAssert.InvalidRequest(response, "missing required field \"input\"");
    }

    [Theory]
    [InlineData(Operation.Read)]
    [InlineData(Operation.Delete)]
    public async Task ReadOrDelete_RequiredFieldMissing_HandlerRuns(Operation operation)
    {
        var response = await _backend.SendAsync(operation, "v");

        Assert.Null(response);
        Assert.Equal(1, _capture.Calls);
    }

    [Theory]
    [InlineData("""{"input":"x","format":"pem"}""", "field \"format\"", "not one of the allowed values: \"base64\", \"ascii-armor\"")]
    [InlineData("""{"input":"x","key_bits":1024}""", "field \"key_bits\"", "not one of the allowed values: 2048, 3072, 4096")]
    [InlineData("""{"input":"x","key_bits":"1024"}""", "field \"key_bits\"", "not one of the allowed values")]
    [InlineData("""{"input":"x","usages":"sign,certify"}""", "field \"usages\"", "not one of the allowed values: \"sign\", \"encrypt\"")]
    public async Task Update_ValueNotAllowed_Returns400ListingAllowedValues(string json, string field, string problem)
    {
        var response = await _backend.SendAsync(Operation.Update, "v", json);

        LogicalAssert.InvalidRequest(response, field, problem);
        Assert.Equal(0, _capture.Calls);
    }

    [Fact]
    public async Task Update_AllowedValues_HandlerGetsThem()
    {
        await _backend.SendAsync(Operation.Update, "v", """{"input":"x","format":"ascii-armor","key_bits":"4096","usages":["encrypt"]}""");

        var data = _capture.Received;
        Assert.Equal("ascii-armor", data.Get(Format));
        Assert.Equal(4096, data.Get(Bits));
        Assert.Equal(["encrypt"], data.Get(Usages));
    }

    [Fact]
    public async Task Update_SeveralBadFields_ReportsEveryOne()
    {
        var response = await _backend.SendAsync(Operation.Update, "v", """{"format":"pem","exportable":"maybe"}""");

        LogicalAssert.InvalidRequest(response, "\"input\"", "\"format\"", "\"exportable\"");
    }

    [Fact]
    public async Task Update_BadValue_MessageQuotesTheInput()
    {
        var response = await _backend.SendAsync(Operation.Update, "v", """{"input":"x","exportable":"maybe"}""");

        LogicalAssert.InvalidRequest(response, "error converting input \"maybe\" for field \"exportable\"");
    }

    [Fact]
    public async Task Update_BadSensitiveValue_MessageNeverContainsIt()
    {
        var response = await _backend.SendAsync(Operation.Update, "v", """{"input":"x","passphrase":"hunter2-secret"}""");

        LogicalAssert.InvalidRequest(response, "field \"passphrase\"");
        Assert.DoesNotContain("hunter2-secret", response!.Data!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_DataNotAnObject_Returns400()
    {
        var response = await _backend.SendAsync(Operation.Update, "v", "[1,2]");

        LogicalAssert.InvalidRequest(response, "request data must be a JSON object");
    }

    [Fact]
    public async Task Get_FieldsNotSent_ReturnDefaultOrZero()
    {
        await _backend.SendAsync(Operation.Read, "v");

        var data = _capture.Received;
        Assert.Equal("base64", data.Get(Format));
        Assert.Equal(2048, data.Get(Bits));
        Assert.Equal(TimeSpan.FromHours(1), data.Get(Ttl));
        Assert.False(data.Get(Exportable));
        Assert.Equal("", data.Get(Input));
        Assert.Empty(data.Get(Usages));
    }

    [Fact]
    public async Task TryGet_SentAsZero_IsToldApartFromNotSent()
    {
        await _backend.SendAsync(Operation.Update, "v", """{"input":"x","exportable":false}""");

        var data = _capture.Received;
        Assert.True(data.TryGet(Exportable, out var exportable));
        Assert.False(exportable);
        Assert.False(data.TryGet(Ttl, out _));
    }

    [Fact]
    public async Task Get_FieldNotDeclaredOnPath_Throws()
    {
        await _backend.SendAsync(Operation.Read, "v");

        var error = Assert.Throws<ArgumentException>(() => _capture.Received.Get(Undeclared));

        Assert.Contains("not declared", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_UndeclaredParameter_IsAvailableAsSent()
    {
        await _backend.SendAsync(Operation.Update, "v", """{"input":"x","extra":{"a":1}}""");

        Assert.Equal("""{"a":1}""", _capture.Received.Raw["extra"].GetRawText());
    }
}
