using System.Text;
using System.Text.Json;
using Serilog.Events;
using Serilog.Parsing;
using VaultGpg.PluginSdk.Hosting.Logging;

namespace VaultGpg.Plugin.Tests.Protocol.Units;

public sealed class HclogJsonFormatterTests
{
    private readonly HclogJsonFormatter _formatter = new("my-plugin");

    [Theory]
    [InlineData(LogEventLevel.Verbose, "trace")]
    [InlineData(LogEventLevel.Debug, "debug")]
    [InlineData(LogEventLevel.Information, "info")]
    [InlineData(LogEventLevel.Warning, "warn")]
    [InlineData(LogEventLevel.Error, "error")]
    [InlineData(LogEventLevel.Fatal, "error")]
    public void Format_Level_IsANameGoPluginKnows(LogEventLevel level, string expected)
    {
        var json = Format(Event(level, "x"));

        Assert.Equal(expected, json.GetProperty("@level").GetString());
    }

    [Fact]
    public void Format_Timestamp_HasSixFractionalDigitsInUtc()
    {
        var json = Format(Event(LogEventLevel.Information, "x", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567)));

        Assert.Equal("2026-01-02T01:04:05.123456Z", json.GetProperty("@timestamp").GetString());
    }

    [Fact]
    public void Format_MessageWithStringProperty_RendersItUnquotedAndAsKey()
    {
        var json = Format(Event(LogEventLevel.Information, "config written: path={path}", properties: [new("path", new ScalarValue("config"))]));

        Assert.Equal("config written: path=config", json.GetProperty("@message").GetString());
        Assert.Equal("config", json.GetProperty("path").GetString());
        Assert.Equal("my-plugin", json.GetProperty("@module").GetString());
    }

    [Fact]
    public void Format_NumberAndStructuredProperties_KeepTheirJsonTypes()
    {
        var json = Format(Event(LogEventLevel.Information, "m", properties:
        [
            new("count", new ScalarValue(3)),
            new("ok", new ScalarValue(true)),
            new("nan", new ScalarValue(double.NaN)),
            new("list", new SequenceValue([new ScalarValue("a")])),
        ]));

        Assert.Equal(3, json.GetProperty("count").GetInt32());
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("NaN", json.GetProperty("nan").GetString());
        Assert.Equal("a", json.GetProperty("list")[0].GetString());
    }

    [Fact]
    public void Format_Exception_IsOneStringValueOnOneLine()
    {
        var bytes = FormatBytes(Event(LogEventLevel.Error, "failed", exception: new InvalidOperationException("boom\nsecond line")));

        Assert.DoesNotContain((byte)'\n', bytes);
        using var document = JsonDocument.Parse(bytes);
        Assert.Contains("boom", document.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_PropertyNamedLikeHclogKey_DoesNotOverrideIt()
    {
        var json = Format(Event(LogEventLevel.Information, "m", properties: [new("@level", new ScalarValue(5))]));

        Assert.Equal("info", json.GetProperty("@level").GetString());
    }

    private static LogEvent Event(
        LogEventLevel level,
        string template,
        DateTimeOffset? timestamp = null,
        LogEventProperty[]? properties = null,
        Exception? exception = null) =>
        new(timestamp ?? DateTimeOffset.UtcNow, level, exception, new MessageTemplateParser().Parse(template), properties ?? []);

    private JsonElement Format(LogEvent logEvent)
    {
        using var document = JsonDocument.Parse(FormatBytes(logEvent));
        return document.RootElement.Clone();
    }

    private byte[] FormatBytes(LogEvent logEvent)
    {
        using var stream = new MemoryStream();
        _formatter.Format(logEvent, stream);
        return stream.ToArray();
    }
}
