using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Vault;

/// <summary>Builds the HTTP client for Vault: TLS from the VAULT_* settings and Vault's request headers.</summary>
internal static class VaultHttp
{
    /// <summary>Large batches of inline files take a while; a hung server still ends.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    /// <summary>id-kp-serverAuth: the leaf must be meant for a TLS server.</summary>
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    public static HttpMessageHandler CreateHandler(VaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var handler = new SocketsHttpHandler
        {
            // One process signs one set: keep the connections it opened, and enough of them for --jobs.
            MaxConnectionsPerServer = 64,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseProxy = false,
        };
        if (settings.Address.Scheme == Uri.UriSchemeHttps)
        {
            handler.SslOptions = CreateSslOptions(settings);
        }

        return handler;
    }

    public static HttpClient CreateClient(VaultSettings settings, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri(settings.Address.AbsoluteUri.TrimEnd('/') + "/v1/"),
            Timeout = RequestTimeout,
        };
        var headers = client.DefaultRequestHeaders;
        headers.Add("X-Vault-Request", "true");
        if (settings.Token is not null)
        {
            headers.Add("X-Vault-Token", settings.Token);
        }

        if (settings.Namespace is not null)
        {
            headers.Add("X-Vault-Namespace", settings.Namespace);
        }

        headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    private static SslClientAuthenticationOptions CreateSslOptions(VaultSettings settings)
    {
        var options = new SslClientAuthenticationOptions();
        if (settings.TlsServerName is not null)
        {
            options.TargetHost = settings.TlsServerName;
        }

        if (settings.ClientCertFile is not null || settings.ClientKeyFile is not null)
        {
            if (settings.ClientCertFile is null || settings.ClientKeyFile is null)
            {
                throw new UsageException("VAULT_CLIENT_CERT and VAULT_CLIENT_KEY must be set together");
            }

            options.ClientCertificates = [X509Certificate2.CreateFromPemFile(settings.ClientCertFile, settings.ClientKeyFile)];
        }

        if (settings.SkipVerify)
        {
#pragma warning disable CA5359 // VAULT_SKIP_VERIFY is the operator's explicit request, as in the vault CLI.
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
            return options;
        }

        var roots = VaultCaRoots.Load(settings);
        if (roots is not null)
        {
            options.CertificateChainPolicy = CustomRootPolicy(roots);
        }

        return options;
    }

    /// <summary>
    /// With VAULT_CACERT/VAULT_CAPATH only those roots are trusted, as the vault CLI does. SslStream builds the chain
    /// with this policy and the intermediates the server sent, and checks the host name itself.
    /// </summary>
    private static X509ChainPolicy CustomRootPolicy(X509Certificate2Collection roots)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        // SslStream adds serverAuth itself for a client; stated here so the policy says what it demands.
        policy.ApplicationPolicy.Add(new Oid(ServerAuthOid));
        return policy;
    }
}
