using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;
using Xunit.Abstractions;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>batch_input on sign/ and verify/ through the dev host: order, per-item errors, and its speed against single requests.</summary>
[Collection(EngineCollection.Name)]
public sealed class BatchTests(EngineHostFixture fixture, ITestOutputHelper output)
{
    private const int Items = 200;
    private const int BadItem = 137;

    private readonly EngineApi _api = fixture.Api;

    [Theory]
    [InlineData(EngineHostFixture.Ed25519Key)]
    [InlineData(EngineHostFixture.RsaKey)]
    public async Task SignBatch_200ItemsOneBad_Returns200ResultsInOrderWithOneErrorNamingTheItem(string key)
    {
        var batch = BatchWithOneBadItem();

        var answer = await _api.PostAsync($"sign/{key}", new JsonObject { ["batch_input"] = batch });

        answer.AssertStatus(200);
        var results = answer.Data["batch_results"]!.AsArray();
        Assert.Equal(Items, results.Count);
        Assert.All(Enumerable.Range(0, Items), i => Assert.Equal(Reference(i), results[i]!["reference"]!.GetValue<string>()));
        var failed = Assert.Single(results, r => r!["error"] is not null)!;
        Assert.Equal(Reference(BadItem), failed["reference"]!.GetValue<string>());
        Assert.Contains($"batch_input[{BadItem}]", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(failed["signature"]);
        Assert.All(results.Where(r => r!["error"] is null), r => Assert.NotEmpty(r!["signature"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SignBatch_EmptyReferenceOnlyAndMisspeltItems_EachAnErrorNamingIndexAndFieldNothingSigned()
    {
        // The request of issue 8 that used to sign empty data three times.
        var body = """{"batch_input": [{}, {"reference": "x"}, {"inptu": "aGVsbG8="}]}""";

        var answer = await _api.SendRawAsync(HttpMethod.Post, $"sign/{EngineHostFixture.Ed25519Key}", body);

        answer.AssertStatus(200);
        var results = answer.Data["batch_results"]!.AsArray();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Null(r!["signature"]));
        Assert.StartsWith("batch_input[0].input: missing", results[0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("batch_input[1].input: missing", results[1]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("x", results[1]!["reference"]!.GetValue<string>());
        Assert.StartsWith("batch_input[2].inptu: unknown field", results[2]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await fixture.AssertPluginAliveAsync();
    }

    [Theory]
    [InlineData("""{"input":"aGVsbG8=","hash_state":"QQ=="}""", "batch_input[1].hash_state: cannot be combined with input")]
    [InlineData("""{"input":12}""", "batch_input[1].input: not valid base64")]
    [InlineData("""{"input":"aGVs bG8="}""", "batch_input[1].input: not valid base64")]
    [InlineData("""{"input":"aGVsbG8"}""", "batch_input[1].input: not valid base64")]
    [InlineData("\"QQ==\"", "batch_input[1]: expected a JSON object, got a string")]
    public async Task SignBatch_ItemThatWouldBe400Alone_ErrorResultForThatItemOnly(string item, string error)
    {
        var body = $$"""{"batch_input": [{"input": "aGVsbG8="}, {{item}}, {"input": "aGVsbG8="}]}""";

        var answer = await _api.SendRawAsync(HttpMethod.Post, $"sign/{EngineHostFixture.Ed25519Key}", body);

        answer.AssertStatus(200);
        var results = answer.Data["batch_results"]!.AsArray();
        Assert.StartsWith(error, results[1]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(results[0]!["signature"]);
        Assert.NotNull(results[2]!["signature"]);
    }

    [Fact]
    public async Task VerifyBatch_TheGoodSignaturesOfASignBatch_AllValidInOrder()
    {
        var batch = BatchWithOneBadItem();
        var signed = (await _api.PostAsync($"sign/{EngineHostFixture.Ed25519Key}", new JsonObject { ["batch_input"] = batch })).Data["batch_results"]!.AsArray();
        var toVerify = new JsonArray([.. Enumerable.Range(0, Items).Where(i => i != BadItem).Select(i => new JsonObject
        {
            ["input"] = batch[i]!["input"]!.DeepClone(),
            ["signature"] = signed[i]!["signature"]!.DeepClone(),
            ["reference"] = Reference(i),
        })]);

        var answer = await _api.PostAsync($"verify/{EngineHostFixture.Ed25519Key}", new JsonObject { ["batch_input"] = toVerify });

        answer.AssertStatus(200);
        var results = answer.Data["batch_results"]!.AsArray();
        Assert.Equal(Items - 1, results.Count);
        Assert.All(results, r => Assert.True(r!["valid"]!.GetValue<bool>(), r.ToJsonString()));
        Assert.Equal(toVerify.Select(v => v!["reference"]!.GetValue<string>()), results.Select(r => r!["reference"]!.GetValue<string>()));
    }

    [Fact]
    public async Task VerifyBatch_OneSignatureSwapped_OnlyThatItemInvalid()
    {
        var batch = new JsonArray([.. Enumerable.Range(0, 10).Select(i => new JsonObject { ["input"] = Input(i) })]);
        var signed = (await _api.PostAsync($"sign/{EngineHostFixture.RsaKey}", new JsonObject { ["batch_input"] = batch })).Data["batch_results"]!.AsArray();
        var toVerify = new JsonArray([.. Enumerable.Range(0, 10).Select(i => new JsonObject
        {
            ["input"] = Input(i),
            ["signature"] = signed[i == 3 ? 4 : i]!["signature"]!.DeepClone(),
        })]);

        var answer = await _api.PostAsync($"verify/{EngineHostFixture.RsaKey}", new JsonObject { ["batch_input"] = toVerify });

        var valid = answer.Data["batch_results"]!.AsArray().Select(r => r!["valid"]!.GetValue<bool>()).ToList();
        Assert.Equal([.. Enumerable.Range(0, 10).Select(i => i != 3)], valid);
    }

    [GpgFact]
    public async Task SignBatch_Signatures_GpgVerifiesEach()
    {
        await using var gpg = GpgOracle.Create();
        await GpgChecks.ImportPublicKeyAsync(gpg, _api, EngineHostFixture.RsaKey);
        var batch = new JsonArray([.. Enumerable.Range(0, 5).Select(i => new JsonObject { ["input"] = Input(i) })]);

        var results = (await _api.PostAsync($"sign/{EngineHostFixture.RsaKey}/sha2-384", new JsonObject { ["batch_input"] = batch, ["format"] = "ascii-armor" }))
            .Data["batch_results"]!.AsArray();

        for (var i = 0; i < batch.Count; i++)
        {
            var (_, status) = await gpg.VerifyDetachedAsync(Convert.FromBase64String(Input(i)), Encoding.ASCII.GetBytes(results[i]!["signature"]!.GetValue<string>()));
            Assert.True(status.Good, $"item {i}: {status}");
            Assert.Equal(9, status.HashAlgorithm);
        }
    }

    /// <summary>
    /// Issue 4: one batch of 1,000 small items must take no longer than 1,000 single requests divided by the core
    /// count. Measured end to end, as a client sees it (singles sequential, one client).
    /// </summary>
    [Fact]
    [Trait("Category", "Performance")]
    public async Task SignBatch_1000SmallItems_FasterThan1000SingleRequestsDividedByCores()
    {
        const int Count = 1000;
        var key = EngineHostFixture.Ed25519Key;
        var batch = new JsonArray([.. Enumerable.Range(0, Count).Select(i => new JsonObject { ["input"] = Input(i) })]);
        await _api.PostAsync($"sign/{key}", new JsonObject { ["batch_input"] = batch.DeepClone() });

        var singles = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            var single = await _api.PostAsync($"sign/{key}", new JsonObject { ["input"] = Input(i) });
            single.AssertStatus(200);
        }

        singles.Stop();
        var batched = Stopwatch.StartNew();
        var answer = await _api.PostAsync($"sign/{key}", new JsonObject { ["batch_input"] = batch });
        batched.Stop();

        answer.AssertStatus(200);
        Assert.Equal(Count, answer.Data["batch_results"]!.AsArray().Count(r => r!["signature"] is not null));
        var budget = singles.Elapsed / Environment.ProcessorCount;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"1000 single requests: {singles.Elapsed.TotalMilliseconds:F0} ms; one batch of 1000: {batched.Elapsed.TotalMilliseconds:F0} ms; budget (singles / {Environment.ProcessorCount} cores): {budget.TotalMilliseconds:F0} ms; batch/singles = {batched.Elapsed / singles.Elapsed:F3}"));
        Assert.True(batched.Elapsed <= budget, $"batch {batched.Elapsed} > singles/cores {budget}");
    }

    private static JsonArray BatchWithOneBadItem() => new([.. Enumerable.Range(0, Items).Select(i => new JsonObject
    {
        ["input"] = i == BadItem ? "%%% not base64 %%%" : Input(i),
        ["reference"] = Reference(i),
    })]);

    private static string Input(int i) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"package-{i}.rpm header\n"));

    private static string Reference(int i) => string.Create(CultureInfo.InvariantCulture, $"ref-{i}");
}
