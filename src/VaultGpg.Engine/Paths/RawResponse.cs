using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// Responses Vault writes as they are, not as JSON (how the PKI engine serves <c>ca/pem</c>): the data holds
/// <c>http_content_type</c>, <c>http_raw_body</c> (base64 in the plugin's JSON; Vault decodes it) and <c>http_status_code</c>.
/// </summary>
internal static class RawResponse
{
    public const string Text = "text/plain; charset=utf-8";
    public const string Binary = "application/octet-stream";

    public static Response Ok(string contentType, ReadOnlySpan<byte> body) => Response.WithData(new JsonObject
    {
        ["http_content_type"] = contentType,
        ["http_raw_body"] = Convert.ToBase64String(body),
        ["http_status_code"] = 200,
    });
}
