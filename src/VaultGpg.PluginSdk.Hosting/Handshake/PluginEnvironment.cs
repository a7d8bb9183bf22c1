namespace VaultGpg.PluginSdk.Hosting.Handshake;

/// <summary>The go-plugin and Vault SDK environment variables a plugin process is started with.</summary>
internal sealed record PluginEnvironment
{
    public const string CookieKey = "VAULT_BACKEND_PLUGIN";

    /// <summary>Vault's backend plugin cookie (sdk/plugin/serve.go HandshakeConfig). Database plugins use another key.</summary>
    public const string CookieValue = "6669da05-b1c8-4f49-97d9-c8e5bed98e20";

    public string? Cookie { get; init; }

    public string? ProtocolVersions { get; init; }

    public string? ClientCertificatePem { get; init; }

    public string? UnixSocketDirectory { get; init; }

    public string? UnixSocketGroup { get; init; }

    public string? MultiplexGrpc { get; init; }

    public int MinPort { get; init; }

    public int MaxPort { get; init; }

    public bool HasValidCookie => string.Equals(Cookie, CookieValue, StringComparison.Ordinal);

    /// <summary>Reads the variables through <paramref name="getVariable"/> (the process environment in production).</summary>
    public static PluginEnvironment Read(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        return new PluginEnvironment
        {
            Cookie = getVariable(CookieKey),
            ProtocolVersions = getVariable("PLUGIN_PROTOCOL_VERSIONS"),
            ClientCertificatePem = NullIfEmpty(getVariable("PLUGIN_CLIENT_CERT")),
            UnixSocketDirectory = NullIfEmpty(getVariable("PLUGIN_UNIX_SOCKET_DIR")),
            UnixSocketGroup = NullIfEmpty(getVariable("PLUGIN_UNIX_SOCKET_GROUP")),
            MultiplexGrpc = NullIfEmpty(getVariable("PLUGIN_MULTIPLEX_GRPC")),
            MinPort = ParsePort(getVariable("PLUGIN_MIN_PORT")),
            MaxPort = ParsePort(getVariable("PLUGIN_MAX_PORT")),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // go-plugin treats an unset or unparsable port as 0, which lets the OS pick one.
    private static int ParsePort(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
        && port is >= 0 and <= 65535 ? port : 0;
}
