using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// The GPG engine as a client sees it: requests to <c>v1/&lt;mount&gt;/…</c> on the dev host, with JSON or raw
/// bodies, answered as <see cref="ApiResponse"/>. Also the dev-host-only storage and replication-state endpoints.
/// </summary>
internal sealed class EngineApi(HttpClient client, string mount = EngineHostFixture.Mount)
{
    public static readonly HttpMethod List = new("LIST");

    public HttpClient Client => client;

    public string Mount => mount;

    public EngineApi OnMount(string other) => new(client, other);

    public Task<ApiResponse> SendAsync(HttpMethod method, string path, JsonNode? body = null, CancellationToken cancellationToken = default) =>
        SendRawAsync(method, path, body?.ToJsonString(), "application/json", cancellationToken);

    /// <summary>Sends <paramref name="rawBody"/> exactly as given (or no body when null) to <c>v1/&lt;mount&gt;/path</c>.</summary>
    public Task<ApiResponse> SendRawAsync(
        HttpMethod method, string path, string? rawBody, string contentType = "application/json", CancellationToken cancellationToken = default) =>
        SendToAsync(method, $"v1/{mount}/{path}", rawBody, contentType, cancellationToken);

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResponse> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, path, body ?? new JsonObject(), cancellationToken);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>
    /// Creates a key and insists on 200: for tests whose subject is something else. Unless the body says otherwise the
    /// key is Ed25519 (fast to make) with the key name as its user ID's real name.
    /// </summary>
    public async Task<ApiResponse> CreateKeyAsync(string name, JsonObject? body = null, CancellationToken cancellationToken = default)
    {
        body ??= [];
        body.TryAdd("key_type", "ed25519");
        if (!body.ContainsKey("real_name") && !body.ContainsKey("email"))
        {
            body["real_name"] = name;
        }

        var created = await PostAsync($"keys/{name}", body, cancellationToken);
        return created.Status == 200 ? created : throw new InvalidOperationException($"creating key {name} failed: {created}");
    }

    /// <summary>The raw stored value of <paramref name="storageKey"/> in this mount (dev-host-only endpoint), or null.</summary>
    public async Task<string?> ReadStorageAsync(string storageKey, CancellationToken cancellationToken = default)
    {
        var answer = await SendToAsync(HttpMethod.Get, $"v1/sys/dev/storage/{mount}/{storageKey}", null, "", cancellationToken);
        return answer.Status switch
        {
            200 => answer.RawBody,
            404 => null,
            _ => throw new InvalidOperationException($"reading storage {storageKey} failed: {answer}"),
        };
    }

    /// <summary>Writes storage as another Vault node would: the dev host also sends InvalidateKey to the plugin.</summary>
    public Task<ApiResponse> WriteStorageAsync(string storageKey, string value, CancellationToken cancellationToken = default) =>
        SendToAsync(HttpMethod.Put, $"v1/sys/dev/storage/{mount}/{storageKey}", value, "application/octet-stream", cancellationToken);

    public Task<ApiResponse> DeleteStorageAsync(string storageKey, CancellationToken cancellationToken = default) =>
        SendToAsync(HttpMethod.Delete, $"v1/sys/dev/storage/{mount}/{storageKey}", null, "", cancellationToken);

    /// <summary>Sets the dev host's replication state: "perf-standby" makes storage writes fail as read-only, "none" undoes it.</summary>
    public async Task SetReplicationStateAsync(string state, CancellationToken cancellationToken = default)
    {
        var answer = await SendToAsync(
            HttpMethod.Put, "v1/sys/dev/replication-state", new JsonObject { ["state"] = state }.ToJsonString(), "application/json", cancellationToken);
        if (answer.Status != 200)
        {
            throw new InvalidOperationException($"setting replication state {state} failed: {answer}");
        }
    }

    private async Task<ApiResponse> SendToAsync(HttpMethod method, string relative, string? rawBody, string contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(relative, UriKind.Relative));
        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new ApiResponse((int)response.StatusCode, ParseOrNull(text), text);
    }

    private static JsonNode? ParseOrNull(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // The raw-storage endpoint may answer bytes that are not JSON; RawBody keeps them.
            return null;
        }
    }
}
