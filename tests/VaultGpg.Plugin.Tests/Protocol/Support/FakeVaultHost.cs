using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Grpc.Net.Client;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.Protocol.Support;

/// <summary>
/// Plays Vault's go-plugin client against the published plugin, strictly: launches it with the environment Vault
/// builds (cookie, PLUGIN_PROTOCOL_VERSIONS=5, PLUGIN_CLIENT_CERT of a P-521 go-plugin-style certificate, port range),
/// reads the handshake line from stdout, and talks gRPC over mTLS with the plugin's certificate pinned, ALPN h2 and
/// the authority "unused", as grpc-go does. Records every byte of stdout and every stderr line.
/// </summary>
internal sealed class FakeVaultHost : IAsyncDisposable
{
    public const string Cookie = "6669da05-b1c8-4f49-97d9-c8e5bed98e20";

    /// <summary>go-plugin's StartTimeout.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    private readonly Process _process;
    private readonly MemoryStream _stdout = new();
    private readonly Lock _stdoutLock = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private readonly List<GrpcChannel> _channels = [];
    private GrpcChannel? _channel;

    private FakeVaultHost(Process process, X509Certificate2 vaultCertificate)
    {
        _process = process;
        VaultCertificate = vaultCertificate;
        _stdoutPump = PumpStdoutAsync(process.StandardOutput.BaseStream);
        _stderrPump = PumpStderrAsync(process.StandardError);
    }

    /// <summary>The certificate Vault passed in PLUGIN_CLIENT_CERT and presents as TLS client.</summary>
    public X509Certificate2 VaultCertificate { get; }

    public Handshake Handshake { get; private set; } = null!;

    /// <summary>From process start to the handshake line on stdout.</summary>
    public TimeSpan TimeToHandshake { get; private set; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the plugin wrote to stdout so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_stdoutLock)
            {
                return Encoding.UTF8.GetString(_stdout.ToArray());
            }
        }
    }

    public IReadOnlyList<string> StderrLines => [.. _stderr];

    /// <summary>The mTLS channel Vault would use (its certificate as client certificate).</summary>
    public GrpcChannel Channel => _channel ??= CreateChannel(VaultCertificate);

    /// <summary>Starts the published plugin the way Vault does, then waits for the handshake line.</summary>
    public static async Task<FakeVaultHost> StartAsync(
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var vaultCertificate = GoPluginCertificates.CreateVaultLike();
        var process = Launch(PublishedPlugin.Path, VaultEnvironment(vaultCertificate, environment));
        var host = new FakeVaultHost(process, vaultCertificate);
        try
        {
            await host.ReadHandshakeAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Vault's environment for a v5 plugin; a null value removes the variable.</summary>
    public static Dictionary<string, string?> VaultEnvironment(X509Certificate2 vaultCertificate, IReadOnlyDictionary<string, string?>? overrides)
    {
        ArgumentNullException.ThrowIfNull(vaultCertificate);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["VAULT_BACKEND_PLUGIN"] = Cookie,
            ["PLUGIN_PROTOCOL_VERSIONS"] = "5",
            ["PLUGIN_MIN_PORT"] = "10000",
            ["PLUGIN_MAX_PORT"] = "25000",
            ["PLUGIN_CLIENT_CERT"] = GoPluginCertificates.ToPem(vaultCertificate),
            ["VAULT_VERSION"] = "1.20.0",
            ["VAULT_PLUGIN_METADATA_MODE"] = "false",
            ["VAULT_PLUGIN_AUTOMTLS_ENABLED"] = "true",
            ["PLUGIN_UNIX_SOCKET_DIR"] = null,
            ["PLUGIN_UNIX_SOCKET_GROUP"] = null,
            ["PLUGIN_MULTIPLEX_GRPC"] = null,
        };
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>A channel to the plugin presenting <paramref name="clientCertificate"/> (or none) as TLS client.</summary>
    public GrpcChannel CreateChannel(X509Certificate2? clientCertificate)
    {
        var pluginCertificate = Handshake.DecodeCertificate();
        var endpoint = Handshake.Network == "unix"
            ? (EndPoint)new UnixDomainSocketEndPoint(Handshake.Address)
            : IPEndPoint.Parse(Handshake.Address);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = endpoint is UnixDomainSocketEndPoint
                    ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                    : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(endpoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                // go-plugin: ServerName "localhost", RootCAs = exactly the certificate from the handshake line.
                TargetHost = "localhost",
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pluginCertificate.RawData),
            },
        };

        // grpc-go dials "unused" with a context dialer, so that is the :authority the plugin sees.
        var channel = GrpcChannel.ForAddress("https://unused", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
        _channels.Add(channel);
        return channel;
    }

    /// <summary>Waits for the process to exit; throws <see cref="TimeoutException"/> when it does not in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the plugin did not exit within {timeout.TotalMilliseconds} ms");
        }

        await Task.WhenAll(_stdoutPump, _stderrPump);
        return _process.ExitCode;
    }

    /// <summary>Waits until a stderr line matches (stderr is read concurrently with everything else).</summary>
    public async Task<string> WaitForStderrAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_stderr.FirstOrDefault(predicate) is { } line)
            {
                return line;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("no matching stderr line; stderr:\n" + string.Join('\n', _stderr));
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Sends a POSIX signal (INT, TERM) to the plugin.</summary>
    public async Task SignalAsync(string signal)
    {
        var result = await ExternalProcess.RunAsync("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} failed: {result.Stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await Task.WhenAll(_stdoutPump, _stderrPump);
        _process.Dispose();
        _stdout.Dispose();
        VaultCertificate.Dispose();
        // A killed plugin leaves its private socket directory behind.
        if (Handshake is { Network: "unix" } handshake && Path.GetDirectoryName(handshake.Address) is { } directory
            && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Starts a program with exactly the given environment changes applied and stdin at end of file.</summary>
    internal static Process Launch(string path, IReadOnlyDictionary<string, string?> environment)
    {
        var startInfo = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start " + path);
        process.StandardInput.Close();
        return process;
    }

    private async Task ReadHandshakeAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string line;
        try
        {
            line = await _firstLine.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            // go-plugin: "plugin exited before we could connect".
            await _process.WaitForExitAsync(cancellationToken);
            await Task.WhenAll(_stdoutPump, _stderrPump);
            throw new InvalidOperationException(
                $"the plugin exited ({_process.ExitCode}) before the handshake; stderr:\n{string.Join('\n', _stderr)}");
        }

        TimeToHandshake = Stopwatch.GetElapsedTime(started);
        Handshake = Handshake.Parse(line);
    }

    private async Task PumpStdoutAsync(Stream stdout)
    {
        var buffer = new byte[4096];
        int read;
        while ((read = await stdout.ReadAsync(buffer)) > 0)
        {
            lock (_stdoutLock)
            {
                _stdout.Write(buffer, 0, read);
                var text = Encoding.UTF8.GetString(_stdout.GetBuffer(), 0, (int)_stdout.Length);
                var newline = text.IndexOf('\n', StringComparison.Ordinal);
                if (newline >= 0)
                {
                    _firstLine.TrySetResult(text[..newline]);
                }
            }
        }

        _firstLine.TrySetException(new EndOfStreamException("stdout closed without a handshake line"));
    }

    private async Task PumpStderrAsync(StreamReader stderr)
    {
        while (await stderr.ReadLineAsync() is { } line)
        {
            _stderr.Enqueue(line);
        }
    }
}
