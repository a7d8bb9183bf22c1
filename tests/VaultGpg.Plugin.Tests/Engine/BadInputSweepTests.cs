using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;
using Xunit.Abstractions;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// The bad-input sweep (issue 8): well over 500 malformed requests, generated from the mount's own OpenAPI document
/// so that every declared path and operation is covered, sent to the published plugin on a dev host of its own.
/// No answer may be a 5xx (each offender is listed with its request), the plugin process must be the one started
/// with the host, and neither the known passphrase nor the secret key it protects may appear in any answer or in the
/// host's log (the plugin's log lines included).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class BadInputSweepTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Mount = "gpg";
    private const int Parallelism = 4;
    private const string Passphrase = "sweep-Passphrase-7f3c9a1e-correct horse";

    private DevHostProcess? _host;
    private HttpClient? _client;

    private DevHostProcess Host => _host ?? throw new InvalidOperationException("the dev host is not started");

    private HttpClient Client => _client ?? throw new InvalidOperationException("the dev host is not started");

    public async Task InitializeAsync()
    {
        _host = await DevHostProcess.StartAsync([$"{Mount}={DevHostPaths.ProductPlugin}"], ["-log-level", "trace"], CancellationToken.None);
        _client = _host.CreateClient();
        _client.Timeout = TimeSpan.FromMinutes(2);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Sweep_MalformedRequestsOnEveryPath_NoServerErrorNoRestartNoSecretInAnswersOrLogs()
    {
        // Arrange: the keys the requests aim at, a secret key protected by the known passphrase, and the OpenAPI document.
        var api = new EngineApi(Client, Mount);
        var (context, secretLines) = await PrepareAsync(api);
        var help = await api.GetAsync("?help=1");
        help.AssertStatus(200);
        var operations = SweepOperation.FromOpenApi(help.Body!["openapi"]!.AsObject());
        var requests = new BadInputSweep(context).Build(operations);
        var pid = await Host.PluginPidAsync(Mount, CancellationToken.None);
        var clock = Stopwatch.StartNew();

        // Act
        var answers = new ConcurrentBag<(SweepRequest Request, int Status, string Body)>();
        await Parallel.ForEachAsync(
            requests,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (request, cancellationToken) => answers.Add(await SendAsync(request, cancellationToken)));

        // Assert
        output.WriteLine($"{answers.Count} requests over {operations.Count} operations " +
            $"({string.Join(", ", operations.Select(o => $"{o.Method} {o.Template}"))}) in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("statuses: " + string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.True(answers.Count >= 500, $"only {answers.Count} requests");

        var serverErrors = answers.Where(a => a.Status is >= 500 or 0).ToList();
        Assert.True(serverErrors.Count == 0, $"{serverErrors.Count} of {answers.Count} answered 5xx or not at all:\n" +
            string.Join("\n", serverErrors.Take(40).Select(a => $"{a.Status} {Cut(a.Body)} <- {a.Request.Describe()}")));

        var wrongStatus = answers.Where(a => a.Request.ExpectedStatus is { } expected && a.Status != expected).ToList();
        Assert.True(wrongStatus.Count == 0, "answers other than required:\n" +
            string.Join("\n", wrongStatus.Select(a => $"{a.Status} (want {a.Request.ExpectedStatus}) {Cut(a.Body)} <- {a.Request.Describe()}")));

        Assert.Equal(pid, await Host.PluginPidAsync(Mount, CancellationToken.None));
        (await api.GetAsync($"keys/{context.Target}")).AssertStatus(200);

        string[] secrets = [Passphrase, .. secretLines];
        var leaks = answers.Where(a => secrets.Any(s => a.Body.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "secret material in answers:\n" + string.Join("\n", leaks.Take(10).Select(a => a.Request.Describe())));
        await Task.Delay(TimeSpan.FromSeconds(1)); // the plugin's stderr reaches the host's log asynchronously
        var log = Host.Log;
        // The check below means something only if the plugin's own lines reach this log: its audit line for the
        // preparation's signature is one.
        Assert.Contains("signed with key sweep-target", log, StringComparison.Ordinal);
        Assert.False(log.Contains(Passphrase, StringComparison.Ordinal), "the passphrase is in the host's log");
        Assert.False(log.Contains("PRIVATE KEY BLOCK", StringComparison.Ordinal), "secret key armor is in the host's log");
        Assert.DoesNotContain(secretLines, line => log.Contains(line, StringComparison.Ordinal));
    }

    /// <summary>
    /// Creates the target keys, exports an exportable key protected by <see cref="Passphrase"/> and imports that armor
    /// back under its passphrase; returns the sweep's context and the secret key's armor lines (those not also in its
    /// public key) that no answer or log line may contain.
    /// </summary>
    private static async Task<(SweepContext Context, string[] SecretLines)> PrepareAsync(EngineApi api)
    {
        await api.CreateKeyAsync("sweep-target");
        await api.CreateKeyAsync("sweep-config");
        await api.CreateKeyAsync("sweep-source", new JsonObject { ["exportable"] = true });
        var publicLines = ArmorLines((await api.GetAsync("export-public/sweep-source")).String("public_key"));
        var plain = (await api.GetAsync("export/sweep-source")).String("key");
        var encrypted = (await api.PostAsync("export/sweep-source", new JsonObject { ["passphrase"] = Passphrase })).String("key");
        var imported = await api.PostAsync("keys/sweep-secret", new JsonObject
        {
            ["generate"] = false,
            ["key"] = encrypted,
            ["passphrase"] = Passphrase,
        });
        imported.AssertStatus(200);
        var signed = await api.PostAsync("sign/sweep-target", new JsonObject { ["input"] = SweepContext.GoodInput });
        signed.AssertStatus(200);

        var secretLines = ArmorLines(plain).Concat(ArmorLines(encrypted)).Except(publicLines).ToArray();
        Assert.NotEmpty(secretLines);
        return (new SweepContext("sweep-target", "sweep-config", Passphrase, encrypted, Convert.FromBase64String(signed.String("signature"))), secretLines);
    }

    /// <summary>The base64 lines of an armor body long enough to be unmistakable.</summary>
    private static IEnumerable<string> ArmorLines(string armor) =>
        armor.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 40 && !l.StartsWith("-----", StringComparison.Ordinal));

    private async Task<(SweepRequest Request, int Status, string Body)> SendAsync(SweepRequest request, CancellationToken cancellationToken)
    {
        // The path goes on the wire as written: no unescaping of %2e%2e or %FF, no removal of dot segments.
        var uri = new Uri(
            $"{Host.Address.ToString().TrimEnd('/')}/v1/{Mount}/{request.RawPath}",
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        try
        {
            using var response = await Client.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return (request, (int)response.StatusCode, body);
        }
        catch (HttpRequestException ex)
        {
            return (request, 0, "no answer: " + ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (request, 0, $"no answer within {Client.Timeout}");
        }
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
