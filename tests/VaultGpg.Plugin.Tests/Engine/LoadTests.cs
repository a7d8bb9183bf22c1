using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// Issue 4's load test: 16 concurrent clients send 10,000 sign requests through the dev host, with zero failures.
/// Throughput goes to the test output. Filter with <c>Category=Load</c>.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LoadTests(EngineHostFixture fixture, ITestOutputHelper output)
{
    private const int Clients = 16;
    private const int Requests = 10_000;

    [Fact]
    [Trait("Category", "Load")]
    public async Task Sign_10000RequestsFrom16ConcurrentClients_AllSucceed()
    {
        var failures = new List<string>();
        var failureLock = new Lock();
        string[] keys = [EngineHostFixture.Ed25519Key, EngineHostFixture.RsaKey];
        var next = -1;
        var clients = Enumerable.Range(0, Clients).Select(_ => fixture.Host.CreateClient()).ToList();
        try
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select(async client =>
            {
                var api = new EngineApi(client);
                int i;
                while ((i = Interlocked.Increment(ref next)) < Requests)
                {
                    var key = keys[i % keys.Length];
                    var input = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"load item {i}")));
                    var answer = await api.PostAsync($"sign/{key}", new JsonObject { ["input"] = input });
                    if (answer.Status != 200 || answer.Data["signature"] is null)
                    {
                        lock (failureLock)
                        {
                            failures.Add(string.Create(CultureInfo.InvariantCulture, $"#{i} {key}: {answer}"));
                        }
                    }
                }
            }));
            clock.Stop();

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{Requests} sign requests (Ed25519 and RSA-2048 alternating), {Clients} concurrent clients, {Environment.ProcessorCount} cores: " +
                $"{clock.Elapsed.TotalSeconds:F1} s, {Requests / clock.Elapsed.TotalSeconds:F0} requests/s, {failures.Count} failures"));
            Assert.True(failures.Count == 0, $"{failures.Count} failures, first: {string.Join("\n", failures.Take(5))}");
            await fixture.AssertPluginAliveAsync();
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
