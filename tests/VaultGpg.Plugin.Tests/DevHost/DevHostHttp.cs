using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>Small helpers for the JSON the dev host answers.</summary>
internal static class DevHostHttp
{
    public static readonly HttpMethod List = new("LIST");

    public static async Task<(int Status, JsonNode? Body)> SendAsync(
        HttpClient client, HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? contentType = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, mediaType: contentType is null ? null : new MediaTypeHeaderValue(contentType));
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>The raw body of a GET that must answer 200 (a log file served byte-exact).</summary>
    public static async Task<byte[]> GetRawAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), CancellationToken.None);
        var body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        return body;
    }

    /// <summary>The single error text of an <c>{"errors":[...]}</c> body.</summary>
    public static string SingleError(JsonNode? body)
    {
        var errors = body?["errors"]?.AsArray() ?? throw new InvalidOperationException($"not an error body: {body?.ToJsonString()}");
        Assert.Single(errors);
        return errors[0]!.GetValue<string>();
    }
}
