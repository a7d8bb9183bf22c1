using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.TestPlugin;

/// <summary>
/// <c>public/*</c>, declared unauthenticated: <c>public/whoami</c> shows what the request carried, and
/// <c>public/raw</c> answers a raw (non-JSON) response of a binary test pattern, as a transparency log serves tiles.
/// </summary>
internal static class PathPublic
{
    public const string UnauthenticatedPattern = "public/*";

    private static readonly FieldSchema<int> Status = Field.Int("status", "The HTTP status to answer. Default: 200.", @default: 200);
    private static readonly FieldSchema<string> ContentType = Field.String("content_type", "The Content-Type; left out of the response when not sent.");
    private static readonly FieldSchema<int> Size = Field.Int("size", "Length of the body: bytes i % 251 for i = 0 .. size-1. Default: 0.", @default: 0);
    private static readonly FieldSchema<string> CacheControl = Field.String("cache_control", "A Cache-Control value; none when not sent.");

    public static PathDefinition[] Define() =>
    [
        new("public/whoami")
        {
            Operations = { [Operation.Read] = new(WhoAmIAsync) { Summary = "Show what Vault passed with the request." } },
            HelpSynopsis = "Show the request's authentication fields.",
            HelpDescription = "Answers whether Vault marked the request unauthenticated, and the token accessor and display name it passed.",
        },
        new("public/raw")
        {
            Fields = [Status, ContentType, Size, CacheControl],
            Operations = { [Operation.Read] = new(RawAsync) { Summary = "Answer a raw body." } },
            HelpSynopsis = "Answer a raw HTTP response.",
            HelpDescription = "Answers http_status_code, http_content_type and http_raw_body instead of JSON data.",
        },
    ];

    /// <summary>The test pattern: byte i is i % 251, so every offset is checked and NUL and non-UTF-8 bytes occur.</summary>
    private static byte[] Pattern(int size)
    {
        var body = new byte[size];
        for (var i = 0; i < size; i++)
        {
            body[i] = (byte)(i % 251);
        }

        return body;
    }

    private static Task<Response?> WhoAmIAsync(Request request, FieldData data, CancellationToken cancellationToken) =>
        Task.FromResult<Response?>(Response.WithData(new JsonObject
        {
            ["unauthenticated"] = request.Unauthenticated,
            ["client_token_accessor"] = request.ClientTokenAccessor,
            ["display_name"] = request.DisplayName,
        }));

    private static Task<Response?> RawAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var body = Pattern(data.Get(Size));
        var cacheControl = data.Raw.ContainsKey(CacheControl.Name) ? data.Get(CacheControl) : null;
        if (data.Raw.ContainsKey(ContentType.Name))
        {
            return Task.FromResult<Response?>(Response.Raw(data.Get(Status), data.Get(ContentType), body, cacheControl));
        }

        // Without a content type Vault refuses a raw response (unless the status is 204): built by hand to test that.
        return Task.FromResult<Response?>(Response.WithData(new JsonObject
        {
            [Response.RawStatusCodeKey] = data.Get(Status),
            [Response.RawBodyKey] = Convert.ToBase64String(body),
        }));
    }
}
