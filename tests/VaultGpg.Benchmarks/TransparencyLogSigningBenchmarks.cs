using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Benchmarks;

/// <summary>
/// Issue 9 "Speed": sign throughput with the transparency log on against off, 16 clients signing at once with an
/// Ed25519 key, in process through the engine's router on in-memory storage (<see cref="InProcessEngine"/>).
/// Each client sends its requests one after the other; with the log on, the requests that arrive while a group commit
/// runs share the next one. The target is LogOn at least 80% of LogOff's throughput (time at most 1.25x).
/// </summary>
public class TransparencyLogSigningBenchmarks
{
    private const int Clients = 16;
    private const int RequestsPerClient = 64;
    private const string KeyName = "bench";

    private InProcessEngine _engine = null!;
    private Request[][] _requests = [];

    [Params(false, true)]
    public bool LogOn { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _engine = await InProcessEngine.StartAsync();
        if (LogOn)
        {
            await _engine.EnsureAsync(_engine.Build(Operation.Update, "log/config", new JsonObject { ["origin"] = "bench.test/v1/gpg/log" }), "log/config");
        }

        await _engine.EnsureAsync(_engine.Build(Operation.Create, $"keys/{KeyName}", new JsonObject { ["key_type"] = "ed25519", ["real_name"] = "Bench" }), "create");
        _requests = [.. Enumerable.Range(0, Clients).Select(c => Enumerable.Range(0, RequestsPerClient)
            .Select(i => _engine.Build(Operation.Update, $"sign/{KeyName}", new JsonObject
            {
                ["input"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"client {c} release {i}"))),
            }))
            .ToArray())];

        // The request must really sign (and log) before it is timed.
        var answer = await _engine.EnsureAsync(_requests[0][0], "sign");
        if ((answer.Data!["log_index"] is not null) != LogOn)
        {
            throw new InvalidOperationException($"log_index present: {answer.Data["log_index"] is not null}, log on: {LogOn}");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _engine.DisposeAsync();

    /// <summary>16 clients, each sending its 64 sign requests one after the other: 1,024 signatures.</summary>
    [Benchmark(OperationsPerInvoke = Clients * RequestsPerClient)]
    public Task SixteenClients() =>
        Task.WhenAll(_requests.Select(client => Task.Run(async () =>
        {
            foreach (var request in client)
            {
                InProcessEngine.Ensure(await _engine.HandleAsync(request, CancellationToken.None), "sign");
            }
        })));
}
