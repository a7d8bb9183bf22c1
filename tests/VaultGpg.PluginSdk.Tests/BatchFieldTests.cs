using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.PluginSdk.Tests.Support;

namespace VaultGpg.PluginSdk.Tests;

/// <summary>Batch items validated like request bodies, and choices between fields, at the top level and per item.</summary>
public sealed class BatchFieldTests
{
    private static readonly FieldSchema<string> Input = Field.String("input", "Data.");
    private static readonly FieldSchema<string> State = Field.String("hash_state", "A hash state.");
    private static readonly FieldSchema<string> Signature = Field.String("signature", "A signature.");
    private static readonly FieldSchema<string> Message = Field.String("signed_message", "A signed message.");
    private static readonly FieldSchema<int> Count = Field.Int("count", "A count.", required: true);
    private static readonly FieldSchema<string> Reference = Field.String("reference", "Echoed.");

    private static readonly FieldSchema<IReadOnlyList<BatchItem>> Batch = Field.Batch(
        "batch_input", "Items.", [Input, State, Reference], [FieldChoice.OneOf([Input], [State])], maxItems: 3);

    private static readonly FieldSchema<IReadOnlyList<BatchItem>> Pairs = Field.Batch(
        "batch_input", "Items.", [Input, Signature, Message, Count], [FieldChoice.OneOf([Input, Signature], [Message])]);

    private readonly FieldCapture _capture = new();
    private readonly TestBackend _backend;

    public BatchFieldTests()
    {
        _backend = TestBackend.Create(
            new PathDefinition("sign")
            {
                Fields = [Input, State, Batch],
                Choices = [FieldChoice.OneOf([Input], [State], [Batch])],
                Operations = { [Operation.Update] = new(_capture.HandleAsync), [Operation.Read] = new(_capture.HandleAsync) },
            },
            new PathDefinition("verify")
            {
                Fields = [Pairs],
                Operations = { [Operation.Update] = new(_capture.HandleAsync) },
            });
    }

    [Fact]
    public async Task Batch_ValidItems_HandlerGetsTypedFieldDataPerItem()
    {
        var response = await _backend.SendAsync(Operation.Update, "sign", """{"batch_input":[{"input":"aGk=","reference":7},{"hash_state":"c3RhdGU="}]}""");

        Assert.Null(response);
        var items = _capture.Received.Get(Batch);
        Assert.Equal(2, items.Count);
        Assert.All(items, item => Assert.False(item.Failed, item.Problem));
        Assert.Equal("aGk=", items[0].Data.Get(Input));
        Assert.Equal("7", items[0].Data.Get(Reference));
        Assert.False(items[1].Data.TryGet(Input, out _));
        Assert.Equal("c3RhdGU=", items[1].Data.Get(State));
        Assert.Equal(["batch_input[0]", "batch_input[1]"], items.Select(i => i.Name));
    }

    [Theory]
    [InlineData("{}", "batch_input[0].input: missing; send input or hash_state")]
    [InlineData("""{"reference":"x"}""", "batch_input[0].input: missing; send input or hash_state")]
    [InlineData("""{"inptu":"aGVsbG8="}""", "batch_input[0].inptu: unknown field; allowed: input, hash_state, reference")]
    [InlineData("""{"input":"aGk=","hash_state":"c3RhdGU="}""", "batch_input[0].hash_state: cannot be combined with input")]
    [InlineData("""{"input":{"a":1}}""", "batch_input[0].input: expected a string, got an object")]
    [InlineData("""{"input":"aGk=","reference":[1]}""", "batch_input[0].reference: expected a string, got a list")]
    [InlineData("12", "batch_input[0]: expected a JSON object, got a number")]
    [InlineData("null", "batch_input[0]: expected a JSON object, got null")]
    public async Task Batch_InvalidItem_IsAnItemProblemNotA400(string item, string problem)
    {
        var response = await _backend.SendAsync(Operation.Update, "sign", $$"""{"batch_input":[{"input":"aGk="},{{item}}]}""".Replace("[0]", "[1]", StringComparison.Ordinal));

        Assert.Null(response);
        var items = _capture.Received.Get(Batch);
        Assert.False(items[0].Failed, items[0].Problem);
        Assert.True(items[1].Failed);
        Assert.Contains(problem.Replace("[0]", "[1]", StringComparison.Ordinal), items[1].Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"input":"aGk="}""", "batch_input[0].signature: missing; required with input")]
    [InlineData("""{"signature":"c2ln"}""", "batch_input[0].input: missing; required with signature")]
    [InlineData("""{"input":"aGk=","signature":"c2ln","signed_message":"m"}""", "batch_input[0].signed_message: cannot be combined with input")]
    [InlineData("""{"signed_message":"m"}""", "batch_input[0].count: missing required field")]
    [InlineData("""{"signed_message":"m","count":"ten"}""", "batch_input[0].count: expected an integer")]
    public async Task Batch_ItemBreaksPairOrRequiredField_IsAnItemProblem(string item, string problem)
    {
        var body = $$"""{"batch_input":[{{item}}]}""";

        await _backend.SendAsync(Operation.Update, "verify", body);

        var only = Assert.Single(_capture.Received.Get(Pairs));
        Assert.Contains(problem, only.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_SeveralProblemsInOneItem_AllNamed()
    {
        await _backend.SendAsync(Operation.Update, "verify", """{"batch_input":[{"signed_message":"m","count":"x","extra":1}]}""");

        var problem = Assert.Single(_capture.Received.Get(Pairs)).Problem!;
        Assert.Contains("batch_input[0].extra: unknown field", problem, StringComparison.Ordinal);
        Assert.Contains("batch_input[0].count: expected an integer", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_NumbersWhereStringsAreDeclared_ConvertedAsVaultDoes()
    {
        await _backend.SendAsync(Operation.Update, "sign", """{"batch_input":[{"input":12},{"input":true}]}""");

        var items = _capture.Received.Get(Batch);
        Assert.Equal(["12", "1"], items.Select(i => i.Data.Get(Input)));
    }

    [Theory]
    [InlineData("""{"batch_input":[]}""", "must not be empty")]
    [InlineData("""{"batch_input":[{},{},{},{}]}""", "has 4 items; at most 3 are allowed")]
    [InlineData("""{"batch_input":{"input":"aGk="}}""", "expected a list of JSON objects, got an object")]
    [InlineData("""{"batch_input":"aGk="}""", "expected a list of JSON objects, got a string")]
    public async Task Batch_EmptyTooLongOrNotAList_Returns400(string body, string problem)
    {
        var response = await _backend.SendAsync(Operation.Update, "sign", body);

        LogicalAssert.InvalidRequest(response, "for field \"batch_input\"", problem);
        Assert.Equal(0, _capture.Calls);
    }

    [Theory]
    [InlineData("{}", "missing field \"input\"; send input, hash_state or batch_input")]
    [InlineData("""{"input":null}""", "missing field \"input\"; send input, hash_state or batch_input")]
    [InlineData("""{"input":"aGk=","hash_state":"c3RhdGU="}""", "field \"hash_state\" cannot be combined with \"input\"")]
    [InlineData("""{"input":"aGk=","batch_input":[{"input":"aGk="}]}""", "field \"batch_input\" cannot be combined with \"input\"")]
    public async Task TopLevelChoice_BrokenOnUpdate_Returns400(string body, string problem)
    {
        var response = await _backend.SendAsync(Operation.Update, "sign", body);

        LogicalAssert.InvalidRequest(response, "Field validation failed: ", problem);
        Assert.Equal(0, _capture.Calls);
    }

    [Fact]
    public async Task TopLevelChoice_OnRead_NotChecked()
    {
        var response = await _backend.SendAsync(Operation.Read, "sign");

        Assert.Null(response);
        Assert.Equal(1, _capture.Calls);
    }

    [Fact]
    public void Choice_OverUndeclaredField_RefusedAtDefinition()
    {
        var definition = new PathDefinition("x") { Fields = [Input], Choices = [FieldChoice.OneOf([Input], [State])] };

        Assert.Throws<ArgumentException>(() => TestBackend.Create(definition));
    }
}
