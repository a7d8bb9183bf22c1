using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// The published dev host with the published plugin at <c>gpg/</c>, one RSA-2048 key "release"
/// (Release Bot &lt;release@example.test&gt;) made by Vault, its public key exported with <c>vaultgpg export-public</c>
/// and imported into a real gpg home (<see cref="Gpg"/>) and a gpgv keyring (<see cref="Keyring"/>); and a second
/// key "release-p384" (ECDSA P-384, imported into the same gpg home) for several -u and gpg's hash choice. A second
/// mount <c>gpglog</c> (<see cref="LogMount"/>) has its transparency log on and an Ed25519 key "release" (its public
/// key in <see cref="LogKeyFile"/> and the same gpg home).
/// </summary>
public sealed class SigningHostFixture : IAsyncLifetime
{
    public const string KeyName = "release";
    public const string KeyEmail = "release@example.test";
    public const string KeyUserId = "Release Bot <release@example.test>";
    public const string P384KeyName = "release-p384";
    public const string LogMount = "gpglog";
    public const string LogOrigin = "e2e.test/v1/gpglog/log";

    private DevHostProcess? _host;
    private GpgOracle? _gpg;

    private DevHostProcess Host => _host ?? throw new InvalidOperationException("not started");

    /// <summary>A gpg home that has the key's public half (for gpg --verify and git verify-commit).</summary>
    public GpgOracle Gpg => _gpg ?? throw new InvalidOperationException("not started");

    public byte[] PublicKey { get; private set; } = [];

    /// <summary>The public key as a binary keyring file, for gpgv --keyring.</summary>
    public string Keyring { get; private set; } = "";

    public string Fingerprint { get; private set; } = "";

    public string P384Fingerprint { get; private set; } = "";

    /// <summary>The verifier key of <see cref="LogMount"/>'s log, as <c>log/config</c> gives it.</summary>
    public string LogVerifierKey { get; private set; } = "";

    /// <summary>The binary public key of the key "release" on <see cref="LogMount"/>.</summary>
    public string LogKeyFile { get; private set; } = "";

    /// <summary>What a release pipeline exports: Vault's address and token, the mount, the key.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["VAULT_ADDR"] = Host.Address.ToString().TrimEnd('/'),
        ["VAULT_TOKEN"] = Host.RootToken,
        ["VAULT_GPG_MOUNT"] = "gpg",
        ["GNUPGHOME"] = Gpg.Home,
        ["VAULTGPG"] = Artifacts.Vaultgpg,
    };

    /// <summary>The dev host's log with the plugin's lines, for failure messages.</summary>
    public string HostLog => Host.Log;

    public async Task InitializeAsync()
    {
        _gpg = GpgOracle.Create(TimeSpan.FromSeconds(120));
        _host = await DevHostProcess.StartAsync([$"gpg={DevHostPaths.ProductPlugin}", $"{LogMount}={DevHostPaths.ProductPlugin}"], null, CancellationToken.None);
        LogVerifierKey = (await PostAsync($"{LogMount}/log/config", new JsonObject { ["origin"] = LogOrigin }))["verifier_key"]!.GetValue<string>();
        await PostAsync($"{LogMount}/keys/{KeyName}", new JsonObject { ["key_type"] = "ed25519", ["real_name"] = "Logged Release", ["email"] = "logged@example.test" });
        Fingerprint = await CreateKeyAsync(KeyName, new JsonObject { ["key_type"] = "rsa", ["key_bits"] = 2048, ["real_name"] = "Release Bot", ["email"] = KeyEmail });
        P384Fingerprint = await CreateKeyAsync(P384KeyName, new JsonObject { ["key_type"] = "ecdsa-p384", ["real_name"] = "Release P-384", ["email"] = "p384@example.test" });
        var export = await RunVaultgpgAsync(["export-public", "--key", KeyName]);
        Assert.True(export.ExitCode == 0, $"export-public failed: {export}");
        PublicKey = export.Stdout;
        (await Gpg.ImportAsync(PublicKey)).EnsureSuccess("--import");
        var p384 = await RunVaultgpgAsync(["export-public", "--key", P384KeyName]);
        Assert.True(p384.ExitCode == 0, $"export-public failed: {p384}");
        (await Gpg.ImportAsync(p384.Stdout)).EnsureSuccess("--import");
        var logged = await RunVaultgpgAsync(["export-public", "--mount", LogMount, "--key", KeyName]);
        Assert.True(logged.ExitCode == 0, $"export-public failed: {logged}");
        (await Gpg.ImportAsync(logged.Stdout)).EnsureSuccess("--import");
        LogKeyFile = Path.Combine(Gpg.Home, "logged.pub");
        await File.WriteAllBytesAsync(LogKeyFile, logged.Stdout);
        Keyring = Path.Combine(Gpg.Home, "release.gpg");
        await File.WriteAllBytesAsync(Keyring, await Gpg.ExportPublicKeyAsync(Fingerprint, armor: false));
    }

    private async Task<string> CreateKeyAsync(string name, JsonObject body) =>
        (await PostAsync("gpg/keys/" + name, body))["fingerprint"]!.GetValue<string>();

    /// <summary>POSTs to Vault with the root token; the answer's data.</summary>
    public async Task<JsonNode> PostAsync(string path, JsonObject body)
    {
        using var client = Host.CreateClient();
        using var answer = await client.PostAsJsonAsync(new Uri("v1/" + path, UriKind.Relative), body);
        var text = await answer.Content.ReadAsStringAsync();
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} failed: {(int)answer.StatusCode} {text}\n{HostLog}");
        }

        return JsonNode.Parse(text)!["data"]!;
    }

    /// <summary>Runs the published vaultgpg with the pipeline's environment.</summary>
    public Task<ProcessResult> RunVaultgpgAsync(IEnumerable<string> arguments, byte[]? stdin = null, IReadOnlyDictionary<string, string>? extraEnvironment = null) =>
        RunAsync(Artifacts.Vaultgpg, arguments, stdin, extraEnvironment);

    /// <summary>Runs any program with the pipeline's environment (VAULT_*, GNUPGHOME) plus <paramref name="extraEnvironment"/>.</summary>
    public Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, byte[]? stdin = null, IReadOnlyDictionary<string, string>? extraEnvironment = null, string? workingDirectory = null)
    {
        var environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal);
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        if (workingDirectory is not null)
        {
            // ExternalProcess has no working directory parameter; sh -c 'cd DIR && exec "$0" "$@"' gives one.
            return ExternalProcess.RunAsync("sh", ["-c", "cd \"$VG_CWD\" && exec \"$0\" \"$@\"", program, .. arguments], stdin,
                new Dictionary<string, string>(environment) { ["VG_CWD"] = workingDirectory }, TimeSpan.FromSeconds(180));
        }

        return ExternalProcess.RunAsync(program, arguments, stdin, environment, TimeSpan.FromSeconds(180));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_gpg is not null)
        {
            await _gpg.DisposeAsync();
        }
    }
}
