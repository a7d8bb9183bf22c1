using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Vault;

/// <summary>
/// How to reach Vault, from the variables the vault CLI reads (VAULT_ADDR, VAULT_TOKEN or ~/.vault-token,
/// VAULT_NAMESPACE, VAULT_CACERT, VAULT_CAPATH, VAULT_CLIENT_CERT/KEY, VAULT_SKIP_VERIFY, VAULT_TLS_SERVER_NAME,
/// VAULT_MAX_RETRIES)
/// plus ours: VAULT_GPG_MOUNT (default gpg) and VAULT_GPG_KEY.
/// </summary>
internal sealed record VaultSettings
{
    public const string DefaultAddress = "https://127.0.0.1:8200";
    public const string DefaultMount = "gpg";

    public required Uri Address { get; init; }

    public string? Token { get; init; }

    public string? Namespace { get; init; }

    public string? CaCertFile { get; init; }

    public string? CaPath { get; init; }

    public string? ClientCertFile { get; init; }

    public string? ClientKeyFile { get; init; }

    public bool SkipVerify { get; init; }

    public string? TlsServerName { get; init; }

    public string Mount { get; init; } = DefaultMount;

    /// <summary>VAULT_MAX_RETRIES: how often a transient failure is retried (default 2, so 3 attempts; 0 turns it off).</summary>
    public int MaxRetries { get; init; } = RetryPolicy.DefaultMaxRetries;

    /// <summary>VAULT_GPG_KEY: the key used when a command names none.</summary>
    public string? DefaultKey { get; init; }

    // The token must never reach a log or an error message through the generated ToString.
    public override string ToString() =>
        $"VaultSettings {{ Address = {Address}, Token = {(Token is null ? "none" : "***")}, Namespace = {Namespace}, "
        + $"CaCertFile = {CaCertFile}, CaPath = {CaPath}, ClientCertFile = {ClientCertFile}, ClientKeyFile = {ClientKeyFile}, "
        + $"SkipVerify = {SkipVerify}, TlsServerName = {TlsServerName}, Mount = {Mount}, MaxRetries = {MaxRetries}, DefaultKey = {DefaultKey} }}";

    public static VaultSettings FromEnvironment(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var address = environment.Get("VAULT_ADDR") ?? DefaultAddress;
        if (!Uri.TryCreate(address.TrimEnd('/'), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"VAULT_ADDR \"{address}\" is not an http(s) URL");
        }

        var mount = (environment.Get("VAULT_GPG_MOUNT") ?? DefaultMount).Trim('/');
        if (mount.Length == 0)
        {
            throw new UsageException("VAULT_GPG_MOUNT is empty");
        }

        return new VaultSettings
        {
            Address = uri,
            Token = environment.Get("VAULT_TOKEN") ?? ReadTokenFile(environment.HomeDirectory),
            Namespace = environment.Get("VAULT_NAMESPACE"),
            CaCertFile = environment.Get("VAULT_CACERT"),
            CaPath = environment.Get("VAULT_CAPATH"),
            ClientCertFile = environment.Get("VAULT_CLIENT_CERT"),
            ClientKeyFile = environment.Get("VAULT_CLIENT_KEY"),
            SkipVerify = IsTrue(environment.Get("VAULT_SKIP_VERIFY")),
            TlsServerName = environment.Get("VAULT_TLS_SERVER_NAME"),
            Mount = mount,
            MaxRetries = ParseMaxRetries(environment.Get("VAULT_MAX_RETRIES")),
            DefaultKey = environment.Get("VAULT_GPG_KEY"),
        };
    }

    /// <summary>As the vault CLI reads it (strconv.ParseUint, base 10, 32 bits): a bad value is an error, not a default.</summary>
    private static int ParseMaxRetries(string? value)
    {
        if (value is null)
        {
            return RetryPolicy.DefaultMaxRetries;
        }

        return uint.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var retries) && retries <= int.MaxValue
            ? (int)retries
            : throw new UsageException($"VAULT_MAX_RETRIES \"{value}\" is not a number of retries (0 or more)");
    }

    /// <summary>Vault's parsing of boolean variables (strconv.ParseBool): 1, t, T, TRUE, true, True.</summary>
    internal static bool IsTrue(string? value) =>
        value is "1" or "t" or "T" or "TRUE" or "true" or "True";

    private static string? ReadTokenFile(string? home)
    {
        if (home is null)
        {
            return null;
        }

        var path = Path.Combine(home, ".vault-token");
        try
        {
            var token = File.ReadAllText(path).Trim();
            return token.Length > 0 ? token : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
