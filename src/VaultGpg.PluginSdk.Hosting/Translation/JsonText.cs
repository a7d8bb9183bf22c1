using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VaultGpg.PluginSdk.Hosting.Translation;

/// <summary>
/// The JSON text fields of the wire contract (Request.data, Response.data, internal_data). Vault decodes them with
/// json.Unmarshal into a map, which fails on an empty string, so we always write "null" or an object.
/// Only JsonDocument/JsonNode and Utf8JsonWriter are used: trimmed builds have no reflection-based serializer.
/// </summary>
internal static class JsonText
{
    public const string Null = "null";

    /// <summary>Parses request data; "" and "null" mean no data.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static JsonElement? ParseElement(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.Clone();
    }

    /// <summary>Parses an object-valued field; "" and "null" give null.</summary>
    /// <exception cref="JsonException">The text is not JSON, or not a JSON object.</exception>
    public static JsonObject? ParseObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return JsonNode.Parse(text) switch
        {
            null => null,
            JsonObject obj => obj,
            var other => throw new JsonException($"expected a JSON object, got {other.GetValueKind()}"),
        };
    }

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Vault decodes and re-encodes the data: escaping HTML characters and non-ASCII here would only bloat it.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes an object-valued field: the object, or "null" (what Go sends for a nil map), never "".</summary>
    public static string Write(JsonObject? value)
    {
        if (value is null)
        {
            return Null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
