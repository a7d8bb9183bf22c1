using System.Text.Json.Nodes;

namespace VaultGpg.PluginSdk.Logical;

/// <summary>
/// What a backend answers (Vault's logical.Response plus the error that may travel with it). A null response from a
/// handler means "nothing": 404 for read and list, 204 otherwise.
/// </summary>
public sealed record Response
{
    /// <summary>The data keys of a raw response (Vault's <c>logical.HTTPStatusCode</c> and friends).</summary>
    public const string RawStatusCodeKey = "http_status_code";

    /// <inheritdoc cref="RawStatusCodeKey"/>
    public const string RawContentTypeKey = "http_content_type";

    /// <inheritdoc cref="RawStatusCodeKey"/>
    public const string RawBodyKey = "http_raw_body";

    /// <inheritdoc cref="RawStatusCodeKey"/>
    public const string RawCacheControlKey = "http_raw_cache_control";

    /// <summary>The response data, the "data" of Vault's JSON envelope.</summary>
    public JsonObject? Data { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public Secret? Secret { get; init; }

    /// <summary>Redirect URL (auth backends only).</summary>
    public string Redirect { get; init; } = "";

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The error returned together with this response, if any; see <see cref="ErrorType"/>.</summary>
    public LogicalError? Error { get; init; }

    /// <summary>True for an error response: data holding only "error" (or "error" and "data"), as Vault defines it.</summary>
    public bool IsError =>
        Data is { } data && data["error"] is not null &&
        (data.Count == 1 || (data.Count == 2 && data.ContainsKey("data")));

    // Data holds exported private keys, plaintext and signatures: the generated ToString would print them. Names only.
    public override string ToString() =>
        $"Response {{ Data = {RedactedData.FieldNames(Data)}, Error = {Error?.ToString() ?? "none"}, Warnings = {Warnings.Count}, Secret = {Secret} }}";

    /// <summary>A response with data.</summary>
    public static Response WithData(JsonObject data) => new() { Data = data };

    /// <summary>
    /// A user error: HTTP 400 with <paramref name="message"/>. Messages are lower case, name the field and quote the
    /// bad value, for example <c>unsupported format "pem"; must be base64 or ascii-armor</c>.
    /// </summary>
    public static Response InvalidRequest(string message) => new()
    {
        Data = new JsonObject { ["error"] = message },
        Error = LogicalError.InvalidRequest,
    };

    /// <summary>An error response with no error value: 400 in Vault as well, kept for Go-plugin parity.</summary>
    public static Response ErrorResponse(string message) => new() { Data = new JsonObject { ["error"] = message } };

    /// <summary>
    /// A raw HTTP answer instead of Vault's JSON envelope (Vault's <c>respondRaw</c>): the body is written byte for
    /// byte with <paramref name="contentType"/> and <paramref name="statusCode"/>. The body always travels base64
    /// encoded, because Vault decodes a string that happens to be valid base64 even when it was meant as text.
    /// Without <paramref name="cacheControl"/> Vault's own <c>Cache-Control: no-store</c> stays. Status 204 sends no
    /// body. A raw response cannot carry a secret.
    /// </summary>
    public static Response Raw(int statusCode, string contentType, ReadOnlySpan<byte> body, string? cacheControl = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 999);
        var data = new JsonObject
        {
            [RawStatusCodeKey] = statusCode,
            [RawContentTypeKey] = contentType,
            [RawBodyKey] = Convert.ToBase64String(body),
        };
        if (cacheControl is not null)
        {
            data[RawCacheControlKey] = cacheControl;
        }

        return new Response { Data = data };
    }

    /// <summary>A list response: <c>{"keys": [...]}</c>.</summary>
    public static Response List(IEnumerable<string> keys) =>
        new() { Data = new JsonObject { ["keys"] = new JsonArray([.. keys.Select(k => JsonValue.Create(k))]) } };
}
