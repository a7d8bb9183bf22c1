namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// Sits between vaultgpg and the dev host like a hostile proxy or mirror: the body of each answer whose path contains
/// <paramref name="pathPart"/> goes through <paramref name="change"/> on its way back.
/// </summary>
internal sealed class ChangingHandler(HttpMessageHandler inner, string pathPart, Func<byte[], byte[]> change) : DelegatingHandler(inner)
{
    public int Changed { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode || !request.RequestUri!.AbsolutePath.Contains(pathPart, StringComparison.Ordinal))
        {
            return response;
        }

        var body = change(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        Changed++;
        var headers = response.Content.Headers.ToList();
        response.Content = new ByteArrayContent(body);
        foreach (var (name, values) in headers.Where(h => h.Key != "Content-Length"))
        {
            response.Content.Headers.TryAddWithoutValidation(name, values);
        }

        return response;
    }
}
