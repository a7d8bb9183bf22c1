using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Benchmarks;

/// <summary>
/// Issue 4: one sign request with batch_input of 1,000 small items against 1,000 single sign requests, in process
/// through the engine's router (no HTTP, no gRPC: the per-request cost here is the smallest it can be, which makes
/// the comparison the hardest for the batch). The budget is Singles1000 / core count.
/// </summary>
public class BatchSigningBenchmarks
{
    private const int Items = 1000;
    private const string KeyName = "bench";

    private InProcessEngine _engine = null!;
    private Request[] _singles = [];
    private Request _batch = null!;

    [Params("Ed25519", "Rsa2048")]
    public string Key { get; set; } = "Ed25519";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _engine = await InProcessEngine.StartAsync();
        var keyRequest = Key == "Ed25519"
            ? new JsonObject { ["key_type"] = "ed25519", ["real_name"] = "Bench" }
            : new JsonObject { ["key_type"] = "rsa", ["key_bits"] = 2048, ["real_name"] = "Bench" };
        await _engine.EnsureAsync(_engine.Build(Operation.Create, $"keys/{KeyName}", keyRequest), "create");

        var inputs = Enumerable.Range(0, Items)
            .Select(i => Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"package-{i}.rpm header"))))
            .ToList();
        _singles = [.. inputs.Select(input => _engine.Build(Operation.Update, $"sign/{KeyName}", new JsonObject { ["input"] = input }))];
        _batch = _engine.Build(
            Operation.Update,
            $"sign/{KeyName}",
            new JsonObject { ["batch_input"] = new JsonArray([.. inputs.Select(input => new JsonObject { ["input"] = input })]) });

        // Both shapes must really sign before they are timed.
        await _engine.EnsureAsync(_singles[0], "single sign");
        var batch = await _engine.EnsureAsync(_batch, "batch sign");
        if (batch.Data!["batch_results"]!.AsArray().Count(r => r!["signature"] is not null) != Items)
        {
            throw new InvalidOperationException("the batch did not sign every item");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _engine.DisposeAsync();

    /// <summary>1,000 single requests one after the other, as a client without concurrency sends them.</summary>
    [Benchmark(Baseline = true)]
    public async Task Singles1000()
    {
        foreach (var request in _singles)
        {
            await _engine.HandleAsync(request, CancellationToken.None);
        }
    }

    /// <summary>1,000 single requests, as many in flight as there are cores (a client that parallelises itself).</summary>
    [Benchmark]
    public async Task Singles1000Concurrent() =>
        await Parallel.ForEachAsync(
            _singles,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (request, ct) => await _engine.HandleAsync(request, ct));

    /// <summary>One request with batch_input of 1,000 items.</summary>
    [Benchmark]
    public Task<Response?> Batch1000() => _engine.HandleAsync(_batch, CancellationToken.None);
}
