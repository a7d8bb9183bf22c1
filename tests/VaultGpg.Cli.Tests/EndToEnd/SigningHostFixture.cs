using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// The published dev host with the published plugin at <c>gpg/</c>, one RSA-2048 key "release"
/// (Release Bot &lt;release@example.test&gt;) made by Vault, its public key exported with <c>vaultgpg export-public</c>
/// and imported into a real gpg home (<see cref="Gpg"/>) and a gpgv keyring (<see cref="Keyring"/>).
/// </summary>
public sealed class SigningHostFixture : IAsyncLifetime
{
    public const string KeyName = "release";
    public const string KeyEmail = "release@example.test";
    public const string KeyUserId = "Release Bot <release@example.test>";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly string _token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    private readonly StringBuilder _hostLog = new();
    private Process? _host;
    private GpgOracle? _gpg;

    public Uri Address { get; private set; } = null!;

    /// <summary>A gpg home that has the key's public half (for gpg --verify and git verify-commit).</summary>
    public GpgOracle Gpg => _gpg ?? throw new InvalidOperationException("not started");

    public byte[] PublicKey { get; private set; } = [];

    /// <summary>The public key as a binary keyring file, for gpgv --keyring.</summary>
    public string Keyring { get; private set; } = "";

    public string Fingerprint { get; private set; } = "";

    /// <summary>What a release pipeline exports: Vault's address and token, the mount, the key.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["VAULT_ADDR"] = Address.ToString().TrimEnd('/'),
        ["VAULT_TOKEN"] = _token,
        ["VAULT_GPG_MOUNT"] = "gpg",
        ["GNUPGHOME"] = Gpg.Home,
        ["VAULTGPG"] = Artifacts.Vaultgpg,
    };

    public string HostLog
    {
        get
        {
            lock (_hostLog)
            {
                return _hostLog.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        _gpg = GpgOracle.Create(TimeSpan.FromSeconds(120));
        await StartHostAsync();
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Add("X-Vault-Token", _token);
        using var created = await client.PostAsJsonAsync(
            new Uri("v1/gpg/keys/" + KeyName, UriKind.Relative),
            new JsonObject { ["key_type"] = "rsa", ["key_bits"] = 2048, ["real_name"] = "Release Bot", ["email"] = KeyEmail });
        var body = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating the key failed: {(int)created.StatusCode} {body}\n{HostLog}");
        }

        Fingerprint = JsonNode.Parse(body)!["data"]!["fingerprint"]!.GetValue<string>();
        var export = await RunVaultgpgAsync(["export-public", "--key", KeyName]);
        Assert.True(export.ExitCode == 0, $"export-public failed: {export}");
        PublicKey = export.Stdout;
        (await Gpg.ImportAsync(PublicKey)).EnsureSuccess("--import");
        Keyring = Path.Combine(Gpg.Home, "release.gpg");
        await File.WriteAllBytesAsync(Keyring, await Gpg.ExportPublicKeyAsync(Fingerprint, armor: false));
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
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }

        _host?.Dispose();
        if (_gpg is not null)
        {
            await _gpg.DisposeAsync();
        }
    }

    private async Task StartHostAsync()
    {
        var start = new ProcessStartInfo(Artifacts.DevHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-listen", "127.0.0.1:0", "-root-token", _token, "-plugin", Artifacts.Plugin, "-mount", "gpg"])
        {
            start.ArgumentList.Add(argument);
        }

        _host = Process.Start(start) ?? throw new InvalidOperationException("could not start the dev host");
        _host.ErrorDataReceived += (_, e) =>
        {
            lock (_hostLog)
            {
                _hostLog.AppendLine(e.Data);
            }
        };
        _host.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        var line = await _host.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException($"the dev host exited before it was ready:\n{HostLog}");
        const string prefix = "export VAULT_ADDR=";
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"unexpected dev host line: {line}");
        }

        Address = new Uri(line[prefix.Length..].Split(' ')[0] + "/");
        _ = _host.StandardOutput.ReadToEndAsync(CancellationToken.None);
    }
}
