using System.Net;

namespace VaultGpg.Cli.Tests.Fakes;

/// <summary>
/// A log served as static files at the HTTP level: <see cref="Files"/> maps a path below <c>/v1/</c> to its bytes,
/// anything else is a 404. Records the paths asked for and whether a token came with them.
/// </summary>
internal sealed class StaticLog : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<string> _asked = [];

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Asked
    {
        get
        {
            lock (_lock)
            {
                return [.. _asked];
            }
        }
    }

    public bool TokenSent { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath["/v1/".Length..];
        lock (_lock)
        {
            _asked.Add(path);
            TokenSent |= request.Headers.Contains("X-Vault-Token");
        }

        return Task.FromResult(Files.TryGetValue(path, out var body)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) }
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("") });
    }
}
