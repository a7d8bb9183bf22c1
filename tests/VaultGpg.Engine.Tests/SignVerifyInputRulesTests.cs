using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

/// <summary>
/// sign/ and verify/ hold every value to one set of rules: a batch item is validated like a request (a bad item is an
/// error result naming its index and field, the rest of the batch is answered), base64 is decoded as Go's StdEncoding
/// decodes it, and numbers sent for strings are converted as Vault's framework converts them, then validated.
/// </summary>
public sealed class SignVerifyInputRulesTests : IAsyncLifetime
{
    private const string Hello = "aGVsbG8=";
    private static readonly byte[] HelloBytes = "hello"u8.ToArray();
    private readonly GpgOracle _gpg = GpgOracle.Create();
    private TestBackend _backend = null!;
    private string _signature = "";

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.CreateAsync();
        var created = await _backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release" });
        _signature = (await _backend.WriteAsync("sign/release", new { input = Hello })).Text("signature");
        if (ExternalProcess.IsOnPath("gpg"))
        {
            (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(created.Text("public_key")))).EnsureSuccess("import");
        }
    }

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [Theory]
    [InlineData("{}", "batch_input[1].input: missing; send input or hash_state")]
    [InlineData("""{"reference":"x"}""", "batch_input[1].input: missing; send input or hash_state")]
    [InlineData("""{"inptu":"aGVsbG8="}""", "batch_input[1].inptu: unknown field")]
    [InlineData("""{"input":"aGVsbG8=","hash_state":"QQ=="}""", "batch_input[1].hash_state: cannot be combined with input")]
    [InlineData("""{"input":12}""", "batch_input[1].input: not valid base64")]
    [InlineData("""{"input":true}""", "batch_input[1].input: not valid base64")]
    [InlineData("""{"input":"aGVsbG8"}""", "batch_input[1].input: not valid base64: 7 characters")]
    [InlineData("""{"input":"aGVs bG8="}""", "batch_input[1].input: not valid base64: illegal character at input byte 4")]
    [InlineData("""{"input":"aGVsbG8=\t"}""", "batch_input[1].input: not valid base64: illegal character at input byte 8")]
    [InlineData("""{"input":"-_-_"}""", "batch_input[1].input: not valid base64: illegal character at input byte 0")]
    [InlineData("""{"input":"aG=sbG8="}""", "batch_input[1].input: not valid base64: padding inside the data")]
    [InlineData("""{"input":{"a":1}}""", "batch_input[1].input: expected a string, got an object")]
    [InlineData("""{"hash_state":"AAAA"}""", "batch_input[1].hash_state: ")]
    [InlineData("12", "batch_input[1]: expected a JSON object, got a number")]
    public async Task SignBatch_ItemThatWouldBe400Alone_IsAnErrorResultNamingIndexAndField(string item, string error)
    {
        // Arrange
        var body = JsonDocument.Parse($$"""{"batch_input":[{"input":"{{Hello}}","reference":"first"},{{item}},{"input":"{{Hello}}"}]}""").RootElement;

        // Act
        var signed = await _backend.WriteAsync("sign/release", body);
        var alone = await _backend.WriteAsync("sign/release", JsonDocument.Parse(item).RootElement);

        // Assert
        Assert.Equal(200, signed.Status(Operation.Update));
        var results = signed.Data["batch_results"]!.AsArray();
        Assert.Equal(3, results.Count);
        Assert.Equal("first", results[0]!["reference"]!.GetValue<string>());
        Assert.NotNull(results[0]!["signature"]);
        Assert.NotNull(results[2]!["signature"]);
        Assert.Null(results[1]!["signature"]);
        Assert.Contains(error, results[1]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, alone.Status(Operation.Update));
    }

    [Theory]
    [InlineData("{}", "batch_input[0].input: missing; send input with signature or signed_message")]
    [InlineData("""{"input":"aGVsbG8="}""", "batch_input[0].signature: missing; required with input")]
    [InlineData("""{"signature":"SIG"}""", "batch_input[0].input: missing; required with signature")]
    [InlineData("""{"input":"aGVsbG8=","signature":"SIG","signed_message":"x"}""", "batch_input[0].signed_message: cannot be combined with input")]
    [InlineData("""{"input":"aGVsbG8","signature":"SIG"}""", "batch_input[0].input: not valid base64")]
    public async Task VerifyBatch_ItemThatWouldBe400Alone_IsAnErrorResultNamingIndexAndField(string item, string error)
    {
        var bad = item.Replace("SIG", _signature, StringComparison.Ordinal);
        var body = JsonDocument.Parse($$"""{"batch_input":[{{bad}},{"input":"{{Hello}}","signature":"{{_signature}}"}]}""").RootElement;

        var verified = await _backend.WriteAsync("verify/release", body);
        var alone = await _backend.WriteAsync("verify/release", JsonDocument.Parse(bad).RootElement);

        Assert.Equal(200, verified.Status(Operation.Update));
        var results = verified.Data["batch_results"]!.AsArray();
        Assert.Contains(error, results[0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(results[0]!["valid"]);
        Assert.True(results[1]!["valid"]!.GetValue<bool>(), results[1]!.ToJsonString());
        Assert.Equal(400, alone.Status(Operation.Update));
    }

    [Theory]
    [InlineData("""{"input":12}""", "input: not valid base64")]
    [InlineData("""{"input":1e3}""", "input: not valid base64")]
    [InlineData("""{"input":true}""", "input: not valid base64")]
    [InlineData("""{"input":"a b\n","mode":"clearsign"}""", "input: not valid base64: illegal character at input byte 1")]
    [InlineData("""{"input":"aGVsbG8"}""", "input: not valid base64: 7 characters")]
    [InlineData("""{"input":"aGVsbG8=="}""", "input: not valid base64: 9 characters")]
    [InlineData("""{"input":" aGVsbG8="}""", "input: not valid base64: illegal character at input byte 0")]
    [InlineData("""{"input":"aGVs\tbG8="}""", "input: not valid base64: illegal character at input byte 4")]
    [InlineData("""{"input":"aGVsbG8_"}""", "input: not valid base64: illegal character at input byte 7")]
    [InlineData("""{"input":"aGVsbG8=aGVsbG8="}""", "input: not valid base64: padding inside the data")]
    [InlineData("""{"input":"===="}""", "input: not valid base64: padding inside the data")]
    [InlineData("""{"hash_state":"AAAA AAAA"}""", "hash_state: not valid base64")]
    [InlineData("""{"input":"aGVsbG8=","hash_state":"QQ=="}""", "field \"hash_state\" cannot be combined with \"input\"")]
    [InlineData("""{"input":"aGVsbG8=","batch_input":[{"input":"aGVsbG8="}]}""", "field \"batch_input\" cannot be combined with \"input\"")]
    [InlineData("""{"input":"aGVsbG8=","expires":1000000000000}""", "\"expires\": out of range")]
    [InlineData("""{"input":"aGVsbG8=","expires":-1000000000000}""", "\"expires\": out of range")]
    [InlineData("""{"input":"aGVsbG8=","expires":"100000000000000000000"}""", "\"expires\": out of range")]
    [InlineData("""{"input":"aGVsbG8=","expires":4294967296}""", "expires: 4294967296 seconds is too long")]
    public async Task Sign_ValueTheGoPluginRefuses_Returns400NamingTheField(string body, string error)
    {
        var signed = await _backend.WriteAsync("sign/release", JsonDocument.Parse(body).RootElement);

        Assert.Equal(400, signed.Status(Operation.Update));
        Assert.Contains(error, signed.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"input":"aGVsbG8=","signature":"SIG","signed_message":"x"}""", "field \"signed_message\" cannot be combined with \"input\"")]
    [InlineData("""{"input":"aGVsbG8="}""", "missing field \"signature\", required with \"input\"")]
    [InlineData("""{"input":12,"signature":"SIG"}""", "input: not valid base64")]
    public async Task Verify_ValueTheGoPluginRefuses_Returns400NamingTheField(string body, string error)
    {
        var verified = await _backend.WriteAsync("verify/release", JsonDocument.Parse(body.Replace("SIG", _signature, StringComparison.Ordinal)).RootElement);

        Assert.Equal(400, verified.Status(Operation.Update));
        Assert.Contains(error, verified.ErrorMessage, StringComparison.Ordinal);
    }

    // The Go plugin reads the signature through a streaming base64 decoder: a signature that does not decode is a
    // signature that does not verify (200, valid false), unlike input, which it decodes first (400).
    [GpgTheory]
    [InlineData("SIG ")]
    [InlineData("AAAA")]
    public async Task Verify_SignatureThatDoesNotDecode_Returns200MalformedAsTheGoPlugin(string signature)
    {
        var body = JsonDocument.Parse($$"""{"input":"{{Hello}}","signature":"{{signature.Replace("SIG", _signature, StringComparison.Ordinal)}}"}""").RootElement;

        var verified = await _backend.WriteAsync("verify/release", body);

        Assert.Equal(200, verified.Status(Operation.Update));
        Assert.False(verified.Data["valid"]!.GetValue<bool>());
        Assert.Equal("malformed", verified.Data["status"]!.GetValue<string>());
    }

    [GpgTheory]
    [InlineData("aGVsbG8=")]
    [InlineData("aGVs\nbG8=\r\n")]
    [InlineData("\r\naGVsbG8=")]
    [InlineData("aGVsbG9=")]
    public async Task Sign_Base64GoAccepts_SignsTheDecodedBytesAsGpgSees(string input)
    {
        var signed = await _backend.WriteAsync("sign/release", new { input });

        var (result, status) = await _gpg.VerifyDetachedAsync(HelloBytes, Convert.FromBase64String(signed.Text("signature")));

        Assert.True(status.Good, result.ToString());
    }

    [GpgFact]
    public async Task SignBatch_ItemsWithAndWithoutReference_GpgVerifiesEachAndReferencesEchoed()
    {
        var body = new JsonObject
        {
            ["batch_input"] = new JsonArray(
                new JsonObject { ["input"] = Hello, ["reference"] = 7 },
                new JsonObject { ["input"] = "aGVs\nbG8=" }),
        };

        var signed = await _backend.WriteAsync("sign/release", body);

        var results = signed.Data["batch_results"]!.AsArray();
        Assert.Equal("7", results[0]!["reference"]!.GetValue<string>());
        Assert.Null(results[1]!["reference"]);
        foreach (var result in results)
        {
            var (gpg, status) = await _gpg.VerifyDetachedAsync(HelloBytes, Convert.FromBase64String(result!["signature"]!.GetValue<string>()));
            Assert.True(status.Good, gpg.ToString());
        }
    }
}
