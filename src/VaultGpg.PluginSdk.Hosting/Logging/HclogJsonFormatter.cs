using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Events;
using Serilog.Parsing;

namespace VaultGpg.PluginSdk.Hosting.Logging;

/// <summary>
/// Writes a Serilog event as one hclog JSON line, the format go-plugin parses from a plugin's stderr:
/// string <c>@level</c> (trace/debug/info/warn/error), <c>@message</c>, <c>@module</c>, <c>@timestamp</c> with exactly
/// six fractional digits, then every property as its own key. go-plugin type-asserts the three @ keys to strings and
/// panics in Vault's log goroutine otherwise, so they are always written as strings.
/// </summary>
internal sealed class HclogJsonFormatter(string module)
{
    public const string LevelKey = "@level";
    public const string MessageKey = "@message";
    public const string ModuleKey = "@module";
    public const string TimestampKey = "@timestamp";

    /// <summary>go-hclog's TimeFormatJSON, "2006-01-02T15:04:05.000000Z07:00", always in UTC here.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private const string SourceContextProperty = "SourceContext";
    private const string EventIdProperty = "EventId";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Log lines are read by Vault's parser, not embedded in HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Writes the event as a single line of UTF-8 JSON (without the newline).</summary>
    public void Format(LogEvent logEvent, Stream output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString(LevelKey, LevelName(logEvent.Level));
        writer.WriteString(MessageKey, RenderMessage(logEvent));
        writer.WriteString(ModuleKey, module);
        writer.WriteString(TimestampKey, logEvent.Timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture));

        foreach (var (name, value) in logEvent.Properties)
        {
            if (name == EventIdProperty || name.StartsWith('@') || name.StartsWith('{'))
            {
                continue;
            }

            writer.WritePropertyName(name == SourceContextProperty ? "logger" : name);
            WriteValue(writer, value);
        }

        if (logEvent.Exception is { } exception)
        {
            // hclog writes error values as strings; the key follows the hclog habit of "error".
            writer.WriteString(logEvent.Properties.ContainsKey("error") ? "exception" : "error", exception.ToString());
        }

        writer.WriteEndObject();
    }

    /// <summary>Maps Serilog levels onto the five names go-plugin understands; anything else would be logged as DEBUG.</summary>
    public static string LevelName(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "trace",
        LogEventLevel.Debug => "debug",
        LogEventLevel.Information => "info",
        LogEventLevel.Warning => "warn",
        _ => "error",
    };

    // Serilog's own rendering quotes string values; hclog messages are plain text.
    private static string RenderMessage(LogEvent logEvent)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            switch (token)
            {
                case TextToken text:
                    builder.Append(text.Text);
                    break;
                case PropertyToken property when logEvent.Properties.TryGetValue(property.PropertyName, out var value):
                    if (value is ScalarValue { Value: string s })
                    {
                        builder.Append(s);
                    }
                    else
                    {
                        using var text = new StringWriter(CultureInfo.InvariantCulture);
                        value.Render(text, property.Format, CultureInfo.InvariantCulture);
                        builder.Append(text.ToString());
                    }

                    break;
                default:
                    builder.Append(token.ToString());
                    break;
            }
        }

        return builder.ToString();
    }

    private static void WriteValue(Utf8JsonWriter writer, LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue scalar:
                WriteScalar(writer, scalar.Value);
                break;
            case SequenceValue sequence:
                writer.WriteStartArray();
                foreach (var element in sequence.Elements)
                {
                    WriteValue(writer, element);
                }

                writer.WriteEndArray();
                break;
            case StructureValue structure:
                writer.WriteStartObject();
                foreach (var property in structure.Properties)
                {
                    writer.WritePropertyName(property.Name);
                    WriteValue(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case DictionaryValue dictionary:
                writer.WriteStartObject();
                foreach (var (key, element) in dictionary.Elements)
                {
                    writer.WritePropertyName(Convert.ToString(key.Value, CultureInfo.InvariantCulture) ?? "");
                    WriteValue(writer, element);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int or long or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case DateTimeOffset dto:
                writer.WriteStringValue(dto.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture));
                break;
            case DateTime dt:
                writer.WriteStringValue(dt.ToUniversalTime().ToString(TimestampFormat, CultureInfo.InvariantCulture));
                break;
            case TimeSpan ts:
                writer.WriteStringValue(ts.ToString("c", CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
