using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace VaultGpg.Cli.Tests.Fakes;

/// <summary>
/// A scripted Vault at the HTTP level: records every request (method, path, headers, JSON body) and answers with what
/// <see cref="Respond"/> returns for it. Default: 404 with no errors (Vault's "nothing there").
/// </summary>
internal sealed class FakeVault : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];

    public Func<RecordedRequest, (HttpStatusCode Status, JsonObject? Body)> Respond { get; set; } = _ => (HttpStatusCode.NotFound, null);

    /// <summary>A Retry-After header (in seconds) to send with an answer; none by default.</summary>
    public Func<RecordedRequest, TimeSpan?> RetryAfter { get; set; } = _ => null;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public static (HttpStatusCode, JsonObject?) Data(JsonObject data) => (HttpStatusCode.OK, new JsonObject { ["data"] = data });

    public static (HttpStatusCode, JsonObject?) Error(HttpStatusCode status, string message) =>
        (status, new JsonObject { ["errors"] = new JsonArray(message) });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method.Method,
            request.RequestUri!.AbsolutePath,
            request.RequestUri.Query,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body)!.AsObject());
        lock (_lock)
        {
            _requests.Add(recorded);
        }

        var (status, answer) = Respond(recorded);
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(answer?.ToJsonString() ?? "", Encoding.UTF8, "application/json"),
        };
        if (RetryAfter(recorded) is { } retryAfter)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        }

        return response;
    }
}
