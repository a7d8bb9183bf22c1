using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace VaultGpg.Cli.Vault;

/// <summary>
/// Vault's HTTP API: <c>/v1/&lt;path&gt;</c>, JSON in the <c>{"data": …}</c> envelope, errors as
/// <c>{"errors": […]}</c> with a 4xx/5xx status. Error answers become <see cref="VaultException"/> carrying Vault's
/// own messages and the status; transport failures become one with status 0. Transient failures are sent again as
/// <see cref="RetryPolicy"/> says, and the error after the last attempt says how many there were.
/// </summary>
internal sealed class VaultClient(HttpClient http, Uri address, RetryPolicy retry)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    public Uri Address { get; } = address;

    /// <summary>GET; a 404 without error messages (Vault's "nothing there") gives null.</summary>
    public async Task<T?> ReadAsync<T>(string path, JsonTypeInfo<VaultResponse<T>> responseType, CancellationToken cancellationToken)
        where T : class
    {
        return await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), JsonAnswer(responseType, nullOnEmpty404: true), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// GET of a raw answer (a plugin response Vault writes as is, such as the log's checkpoint and tiles): the body's
    /// bytes, or null on a 404.
    /// </summary>
    public async Task<byte[]?> ReadRawAsync(string path, CancellationToken cancellationToken) =>
        await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ReadRawAnswerAsync, cancellationToken).ConfigureAwait(false);

    /// <summary>Vault's LIST, sent as GET with list=true (what the vault CLI does over HTTP/1.1 proxies too).</summary>
    public async Task<T?> ListAsync<T>(string path, JsonTypeInfo<VaultResponse<T>> responseType, CancellationToken cancellationToken)
        where T : class
    {
        var listPath = path.TrimEnd('/') + "/?list=true";
        return await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, listPath), JsonAnswer(responseType, nullOnEmpty404: true), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST (Vault's create/update) of a JSON body; a success without data is an error here.</summary>
    public async Task<TResponse> WriteAsync<TRequest, TResponse>(
        string path,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<VaultResponse<TResponse>> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body, requestType);
        HttpRequestMessage Request()
        {
            var content = new ByteArrayContent(json);
            content.Headers.ContentType = JsonContentType;
            return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        }

        return await SendAsync(Request, JsonAnswer(responseType, nullOnEmpty404: false), cancellationToken).ConfigureAwait(false)
            ?? throw new VaultException($"Vault sent no data for POST {path}");
    }

    /// <summary>Sends a fresh request from <paramref name="createRequest"/> for each attempt (a sent request cannot be sent again).</summary>
    /// <param name="createRequest">Makes the request.</param>
    /// <param name="readAnswer">Reads the final answer: the response, the request as described in errors, the number of attempts.</param>
    /// <param name="cancellationToken">Cancels the request and the waits between attempts.</param>
    private async Task<T?> SendAsync<T>(
        Func<HttpRequestMessage> createRequest, Func<HttpResponseMessage, string, int, CancellationToken, Task<T?>> readAnswer, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = createRequest();
            var described = $"{request.Method} /v1/{request.RequestUri}";
            var lastAttempt = attempt > retry.MaxRetries;
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (!lastAttempt && IsTransient(e))
            {
                await retry.Delay(retry.WaitBefore(attempt, null, Random.Shared), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException e)
            {
                throw new VaultException($"cannot reach Vault at {Address} for {described}: {e.Message}{Attempts(attempt)}", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Not retried: the vault CLI's deadline covers all attempts, and this one has used the whole timeout.
                throw new VaultException($"Vault at {Address} did not answer {described} in time{Attempts(attempt)}", e);
            }

            using (response)
            {
                if (!lastAttempt && RetryPolicy.IsRetryable(response.StatusCode))
                {
                    await retry.Delay(retry.WaitBefore(attempt, response, Random.Shared), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                return await readAnswer(response, described, attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static Func<HttpResponseMessage, string, int, CancellationToken, Task<T?>> JsonAnswer<T>(JsonTypeInfo<VaultResponse<T>> responseType, bool nullOnEmpty404)
        where T : class =>
        (response, described, attempts, cancellationToken) => ReadAnswerAsync(response, described, attempts, responseType, nullOnEmpty404, cancellationToken);

    private static async Task<byte[]?> ReadRawAnswerAsync(HttpResponseMessage response, string described, int attempts, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? body
            : response.StatusCode == HttpStatusCode.NotFound ? null
            : throw new VaultException((int)response.StatusCode, described + Attempts(attempts), ErrorMessages(body));
    }

    private static async Task<T?> ReadAnswerAsync<T>(
        HttpResponseMessage response, string described, int attempts, JsonTypeInfo<VaultResponse<T>> responseType, bool nullOnEmpty404, CancellationToken cancellationToken)
        where T : class
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var errors = ErrorMessages(body);
            if (nullOnEmpty404 && response.StatusCode == HttpStatusCode.NotFound && errors.Count == 0)
            {
                return null;
            }

            throw new VaultException((int)response.StatusCode, described + Attempts(attempts), errors);
        }

        if (body.Length == 0 || response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        VaultResponse<T>? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, responseType);
        }
        catch (JsonException e)
        {
            throw new VaultException($"Vault's answer to {described} is not the JSON expected: {e.Message}", e);
        }

        return parsed?.Data;
    }

    /// <summary>A TLS certificate Vault's address does not match will not match on the next attempt either.</summary>
    private static bool IsTransient(HttpRequestException e) => e.InnerException is not System.Security.Authentication.AuthenticationException;

    private static string Attempts(int attempts) => attempts > 1 ? $" (after {attempts} attempts)" : "";

    /// <summary>The "errors" strings of an error body; a body that is not Vault's JSON gives its first line.</summary>
    internal static IReadOnlyList<string> ErrorMessages(byte[] body)
    {
        if (body.Length == 0)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                return [.. errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
            }

            return [];
        }
        catch (JsonException)
        {
            var text = System.Text.Encoding.UTF8.GetString(body).Trim();
            var firstLine = text.Split('\n', 2)[0];
            return [firstLine.Length > 200 ? firstLine[..200] : firstLine];
        }
    }
}
