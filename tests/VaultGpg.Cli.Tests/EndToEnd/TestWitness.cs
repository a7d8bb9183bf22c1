using System.Diagnostics;
using System.Text;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// The Go test witness (<c>artifacts/testbin/tlog-witness</c>, C2SP tlog-witness add-checkpoint on Go's sumdb/note and
/// sumdb/tlog, built by build/build-devhost.sh) for one log, on a free port; stopped on dispose.
/// </summary>
internal sealed class TestWitness : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Task _stderr;

    private TestWitness(Process process)
    {
        _process = process;
        _stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_log)
                {
                    _log.AppendLine(line);
                }
            }
        });
    }

    public string Url { get; private set; } = "";

    public string VerifierKey { get; private set; } = "";

    /// <summary>What the witness logged: a line per add-checkpoint, with cosigned= and conflict=.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<TestWitness> StartAsync(string name, string logVerifierKey)
    {
        var start = new ProcessStartInfo(Artifacts.Path("artifacts/testbin/tlog-witness"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-name", name, "-log", logVerifierKey])
        {
            start.ArgumentList.Add(argument);
        }

        var witness = new TestWitness(Process.Start(start) ?? throw new InvalidOperationException("could not start tlog-witness"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ready = await witness._process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException("tlog-witness exited before it was ready: " + witness.Log);
        // export TLOG_WITNESS_URL=http://127.0.0.1:PORT TLOG_WITNESS_VKEY=<vkey>
        var fields = ready["export ".Length..].Split(' ');
        witness.Url = fields[0]["TLOG_WITNESS_URL=".Length..];
        witness.VerifierKey = fields[1]["TLOG_WITNESS_VKEY=".Length..];
        return witness;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        await _stderr;
        _process.Dispose();
    }
}
