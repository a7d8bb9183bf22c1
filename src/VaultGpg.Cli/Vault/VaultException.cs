namespace VaultGpg.Cli.Vault;

/// <summary>
/// Vault answered with an error status (<see cref="StatusCode"/> &gt; 0, message = Vault's own errors) or could not be
/// reached (<see cref="StatusCode"/> 0).
/// </summary>
internal sealed class VaultException : Exception
{
    public VaultException(string message)
        : base(message)
    {
    }

    public VaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public VaultException(int statusCode, string request, IReadOnlyList<string> errors)
        : base(Describe(statusCode, request, errors))
    {
        StatusCode = statusCode;
        Errors = errors;
    }

    public VaultException()
    {
    }

    public int StatusCode { get; }

    public IReadOnlyList<string> Errors { get; } = [];

    /// <summary>The key named in the URL does not exist (the plugin's "key not found", or no such path at all).</summary>
    public bool IsKeyNotFound =>
        StatusCode == 404 || (StatusCode == 400 && Errors.Any(e => e.StartsWith("key not found", StringComparison.Ordinal)));

    private static string Describe(int statusCode, string request, IReadOnlyList<string> errors)
    {
        var reason = ReasonPhrase(statusCode);
        // Vault wraps multierrors as "1 error occurred:\n\t* msg\n\n": one line reads better in a build log.
        var detail = errors.Count > 0
            ? string.Join("; ", errors.Select(e => string.Join(' ', e.Split((char[])['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))))
            : "(no error message)";
        return $"Vault error {statusCode}{reason} on {request}: {detail}";
    }

    private static string ReasonPhrase(int statusCode) => statusCode switch
    {
        400 => " (Bad Request)",
        403 => " (Forbidden)",
        404 => " (Not Found)",
        405 => " (Method Not Allowed)",
        413 => " (Request Entity Too Large)",
        429 => " (Too Many Requests)",
        500 => " (Internal Server Error)",
        502 => " (Bad Gateway)",
        503 => " (Service Unavailable)",
        _ => "",
    };
}
