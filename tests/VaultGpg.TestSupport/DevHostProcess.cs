using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VaultGpg.TestSupport;

/// <summary>
/// One running <c>artifacts/bin/vault-dev-host</c> on a free port, with the published plugin(s) mounted. It is
/// started and stopped with asynchronous process APIs only; its stderr (the dev host's log, with the plugins'
/// relayed log lines) is collected for assertions and failure messages.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Lock _logLock = new();
    private readonly Task _stderrPump;
    private Task _stdoutDrain = Task.CompletedTask;

    private DevHostProcess(Process process, string rootToken)
    {
        _process = process;
        RootToken = rootToken;
        _stderrPump = PumpStderrAsync();
    }

    public Uri Address { get; private set; } = null!;

    public string RootToken { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The dev host's stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_logLock)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the dev host with <c>-mount</c> for each of <paramref name="mounts"/> (NAME=PATH) plus
    /// <paramref name="extraArguments"/>, and waits for its ready line. The root token is random unless
    /// <paramref name="rootToken"/> is given (an active and its standby share one).
    /// </summary>
    public static async Task<DevHostProcess> StartAsync(
        IEnumerable<string> mounts, IEnumerable<string>? extraArguments, CancellationToken cancellationToken, string? rootToken = null)
    {
        var token = rootToken ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var startInfo = new ProcessStartInfo(DevHostPaths.DevHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-listen", "127.0.0.1:0", "-root-token", token, "-log-level", "debug"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var mount in mounts)
        {
            startInfo.ArgumentList.Add("-mount");
            startInfo.ArgumentList.Add(mount);
        }

        foreach (var argument in extraArguments ?? [])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the dev host");
        var host = new DevHostProcess(process, token);
        try
        {
            await host.WaitForReadyAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task WaitForReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the dev host printed no ready line within {ReadyTimeout}; its log:\n{Log}");
        }

        if (line is null)
        {
            await _process.WaitForExitAsync(cancellationToken);
            await _stderrPump;
            throw new InvalidOperationException($"the dev host exited with {_process.ExitCode} before it was ready; its log:\n{Log}");
        }

        // export VAULT_ADDR=http://127.0.0.1:PORT VAULT_TOKEN=TOKEN
        const string prefix = "export VAULT_ADDR=";
        var tokenPart = " VAULT_TOKEN=" + RootToken;
        if (!line.StartsWith(prefix, StringComparison.Ordinal) || !line.EndsWith(tokenPart, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"unexpected first stdout line from the dev host: {line}");
        }

        Address = new Uri(line[prefix.Length..^tokenPart.Length]);
        _stdoutDrain = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
    }

    /// <summary>A client for the dev host's API; <paramref name="token"/> null means the root token, "" none.</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        token ??= RootToken;
        if (token.Length > 0)
        {
            client.DefaultRequestHeaders.Add("X-Vault-Token", token);
        }

        return client;
    }

    /// <summary>The pid of the plugin process serving <paramref name="mount"/> (dev-host-only endpoint).</summary>
    public async Task<int> PluginPidAsync(string mount, CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        var body = await client.GetFromJsonAsync<JsonObject>(new Uri($"v1/sys/dev/plugin-pid/{mount}", UriKind.Relative), cancellationToken)
            ?? throw new InvalidOperationException("empty plugin-pid answer");
        return body["data"]!["pid"]!.GetValue<int>();
    }

    /// <summary>Sends SIGTERM and waits for the exit; returns the exit code.</summary>
    public async Task<int> StopAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            await SignalAsync(_process.Id, "TERM", cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        await _stderrPump;
        return _process.ExitCode;
    }

    public static async Task SignalAsync(int pid, string signal, CancellationToken cancellationToken)
    {
        var kill = ExternalProcess.FindOnPath("kill") ?? throw new InvalidOperationException("kill is not on PATH");
        var result = await ExternalProcess.RunAsync(kill, ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)], cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed: {result.Stderr}");
        }
    }

    /// <summary>
    /// Whether a process (not necessarily our child) is alive: it has a /proc entry and is not a zombie.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }

        // pid (comm) STATE ...: comm may contain spaces and parentheses, so look after the last ')'.
        var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart()[0];
        return state is not ('Z' or 'X');
    }

    private async Task PumpStderrAsync()
    {
        // Started from the constructor before any await, so it runs on the thread pool.
        await Task.Yield();
        while (await _process.StandardError.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lock (_logLock)
            {
                _log.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await StopAsync(CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        await _stdoutDrain;
        _process.Dispose();
    }
}
