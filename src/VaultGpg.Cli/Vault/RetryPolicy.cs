using System.Net;

namespace VaultGpg.Cli.Vault;

/// <summary>
/// When and how long to wait before sending a request again, as the vault CLI does (hashicorp/vault api/client.go:
/// DefaultRetryPolicy over go-retryablehttp, RateLimitLinearJitterBackoff, VAULT_MAX_RETRIES default 2, waits between
/// 1000 and 1500 ms). Retried: failures to connect or to get an answer, 412 (Vault's "X-Vault-Index not yet
/// satisfied"), 429 and every 5xx but 501. Never retried: any other 4xx, which would fail again the same way. The wait
/// before retry n (1, 2, …) is n × a uniform pick in [min, max]; a 429 or 503 with a Retry-After in seconds waits that
/// long instead. A sign request may be sent again safely: it only makes a new signature.
/// </summary>
/// <param name="MaxRetries">Attempts after the first (VAULT_MAX_RETRIES).</param>
/// <param name="MinWait">Shortest wait before the first retry.</param>
/// <param name="MaxWait">Longest wait before the first retry.</param>
/// <param name="Delay">Waits; tests pass one that records the wait and returns at once.</param>
internal sealed record RetryPolicy(int MaxRetries, TimeSpan MinWait, TimeSpan MaxWait, Func<TimeSpan, CancellationToken, Task> Delay)
{
    public const int DefaultMaxRetries = 2;

    public static readonly TimeSpan DefaultMinWait = TimeSpan.FromMilliseconds(1000);

    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromMilliseconds(1500);

    public static bool IsRetryable(HttpStatusCode status) =>
        (int)status is 412 or 429 || ((int)status >= 500 && status != HttpStatusCode.NotImplemented);

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first).</summary>
    public TimeSpan WaitBefore(int retry, HttpResponseMessage? response, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (response is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable }
            && response.Headers.RetryAfter?.Delta is { } retryAfter)
        {
            return retryAfter;
        }

        if (MaxWait <= MinWait)
        {
            return MinWait * retry;
        }

        return (MinWait + ((MaxWait - MinWait) * random.NextDouble())) * retry;
    }
}
