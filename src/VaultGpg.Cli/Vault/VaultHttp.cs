using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Vault;

/// <summary>Builds the HTTP client for Vault: TLS from the VAULT_* settings and Vault's request headers.</summary>
internal static class VaultHttp
{
    /// <summary>Large batches of inline files take a while; a hung server still ends.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

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

        var roots = LoadCustomRoots(settings);
        if (roots.Count > 0)
        {
            options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                ValidateAgainst(roots, certificate, errors);
        }

        return options;
    }

    private static X509Certificate2Collection LoadCustomRoots(VaultSettings settings)
    {
        var roots = new X509Certificate2Collection();
        if (settings.CaCertFile is not null)
        {
            roots.ImportFromPemFile(settings.CaCertFile);
        }

        if (settings.CaPath is not null)
        {
            foreach (var file in Directory.EnumerateFiles(settings.CaPath))
            {
                roots.ImportFromPemFile(file);
            }
        }

        return roots;
    }

    /// <summary>With VAULT_CACERT/VAULT_CAPATH only those roots are trusted, as the vault CLI does.</summary>
    private static bool ValidateAgainst(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
