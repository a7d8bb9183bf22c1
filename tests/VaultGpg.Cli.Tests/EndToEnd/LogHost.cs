using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.Cli.Commands;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Vault;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// The dev host with the published plugin at <c>gpg/</c>, its transparency log on (origin <see cref="Origin"/>) and an
/// Ed25519 key "release"; vaultgpg run in-process against it over real HTTP, through a handler a test may wrap (to
/// change what the log serves on the way, as a hostile mirror or proxy would).
/// </summary>
internal sealed class LogHost : IAsyncDisposable
{
    public const string Origin = "devhost.test/v1/gpg/log";
    public const string KeyName = "release";

    private LogHost(DevHostProcess host, string verifierKey)
    {
        Host = host;
        VerifierKey = verifierKey;
    }

    public DevHostProcess Host { get; }

    public string VerifierKey { get; }

    /// <summary>Starts a host; with <paramref name="storageFile"/> its storage is kept there (and an existing one is used as it is).</summary>
    public static async Task<LogHost> StartAsync(string? storageFile = null, string? rootToken = null)
    {
        var host = await DevHostProcess.StartAsync(
            [$"gpg={DevHostPaths.ProductPlugin}"], storageFile is null ? null : ["-storage-file", storageFile], CancellationToken.None, rootToken);
        try
        {
            using var vault = host.CreateClient();
            var config = await PostAsync(vault, "log/config", new JsonObject { ["origin"] = Origin });
            if (await ReadKeyAsync(vault) is null)
            {
                await PostAsync(vault, "keys/" + KeyName, new JsonObject { ["key_type"] = "ed25519", ["real_name"] = "Release" });
            }

            return new LogHost(host, config["verifier_key"]!.GetValue<string>());
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Signs <paramref name="data"/> with the key (the signature is logged before it is returned).</summary>
    public async Task SignAsync(string data)
    {
        using var vault = Host.CreateClient();
        await PostAsync(vault, "sign/" + KeyName, new JsonObject { ["input"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data)) });
    }

    /// <summary>POSTs to the mount and returns the answer's data; a failure throws with the host's log.</summary>
    public async Task<JsonObject> PostAsync(string path, JsonObject body)
    {
        using var vault = Host.CreateClient();
        return await PostAsync(vault, path, body);
    }

    /// <summary>A public log file (no token), raw.</summary>
    public async Task<byte[]> ReadLogAsync(string path)
    {
        using var anonymous = Host.CreateClient(token: "");
        return await anonymous.GetByteArrayAsync(new Uri("v1/gpg/log/" + path, UriKind.Relative));
    }

    /// <summary>Runs vaultgpg in-process with VAULT_ADDR/VAULT_TOKEN of this host; <paramref name="wrap"/> may wrap its HTTP handler.</summary>
    public async Task<(int Exit, string Out, string Error)> RunVaultgpgAsync(IEnumerable<string> args, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["VAULT_ADDR"] = Host.Address.ToString().TrimEnd('/'),
            ["VAULT_TOKEN"] = Host.RootToken,
            ["VAULT_GPG_MOUNT"] = "gpg",
        };
        var context = new CliContext(
            new CliConsole(output, error, () => Stream.Null, () => Stream.Null, ErrorIsTerminal: false),
            new CliEnvironment(environment, null),
            TimeProvider.System,
            settings => (wrap ?? (h => h))(VaultHttp.CreateHandler(settings)));
        var exit = await CliApplication.RunAsync(context, [.. args], "vaultgpg", CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private static async Task<JsonObject?> ReadKeyAsync(HttpClient vault)
    {
        using var response = await vault.GetAsync(new Uri("v1/gpg/keys/" + KeyName, UriKind.Relative));
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }

    private static async Task<JsonObject> PostAsync(HttpClient vault, string path, JsonObject body)
    {
        using var response = await vault.PostAsJsonAsync(new Uri("v1/gpg/" + path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!["data"]!.AsObject()
            : throw new InvalidOperationException($"POST gpg/{path}: {(int)response.StatusCode} {text}");
    }
}
