using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Framework;

namespace VaultGpg.Engine.Paths;

/// <summary>The batch loop that sign and verify share: items in parallel, results in input order, each echoing its
/// item's reference.</summary>
internal static class BatchRunner
{
    public static readonly FieldSchema<string> Reference = Field.String(
        "reference", "A batch item's own label, echoed in its result so that results can be matched to items. Default: none.");

    /// <summary>
    /// Runs one item function over a batch on every core (signing is CPU-bound) and returns the results in input
    /// order, each carrying its item's reference. An item the SDK found invalid, or whose item function reports a
    /// <see cref="Problem"/>, gets an error result naming it; item functions never throw for user errors.
    /// </summary>
    public static async Task<JsonObject[]> RunAsync<T>(
        IReadOnlyList<BatchItem> batch, Func<FieldData, Parsed<T>> process, Func<T, JsonObject> toJson, CancellationToken cancellationToken)
    {
        var results = new JsonObject[batch.Count];
        await Parallel.ForEachAsync(
                batch,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                (item, _) =>
                {
                    var outcome = item.Failed ? default : process(item.Data);
                    var result = item.Problem is { } invalid ? Error(invalid)
                        : outcome.Failed ? Error(outcome.Problem.Message(item.Name))
                        : toJson(outcome.Value);
                    if (item.Data.TryGet(Reference, out var reference))
                    {
                        result["reference"] = reference;
                    }

                    results[item.Index] = result;
                    return ValueTask.CompletedTask;
                })
            .ConfigureAwait(false);
        return results;
    }

    private static JsonObject Error(string message) => new() { ["error"] = message };
}
