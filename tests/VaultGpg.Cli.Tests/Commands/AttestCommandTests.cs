using System.Net;
using System.Text.Json.Nodes;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.Commands;

/// <summary><c>vaultgpg attest</c> against the fake Vault, and <c>vaultgpg sign</c>'s report of a gate refusal.</summary>
public sealed class AttestCommandTests : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vga-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [Fact]
    public async Task Attest_PostsEachFileBase64_AndNamesTheRefusedOne()
    {
        var good = Path.Combine(_directory, "rebuild.f8f45706.link");
        var bad = Path.Combine(_directory, "rebuild.0badbeef.link");
        await File.WriteAllTextAsync(good, "{\"good\": 1}");
        await File.WriteAllTextAsync(bad, "{\"bad\": 1}");
        var cli = new TestCli();
        cli.Vault.Respond = request => (request.Method, request.Path, request.Body?["attestation"]?.GetValue<string>()) switch
        {
            ("GET", "/v1/gpg/keys/release", _) => FakeVault.Data(FakeKeys.Facts("release")),
            ("POST", "/v1/gpg/keys/release/attest", var body) when TestCli.Utf8String(Convert.FromBase64String(body!)) == "{\"good\": 1}" => FakeVault.Data(new JsonObject
            {
                ["attestation"] = "sha256:00",
                ["format"] = "link",
                ["builders"] = new JsonArray("rebuilder-a"),
                ["artifacts"] = new JsonArray(new JsonObject { ["name"] = "hello.tar.gz", ["sha256"] = "ab12", ["sha512"] = null }),
            }),
            ("POST", "/v1/gpg/keys/release/attest", _) => FakeVault.Error(HttpStatusCode.BadRequest, "attestation: unknown builder: no signature is by a builder of the policy"),
            _ => (HttpStatusCode.NotFound, null),
        };

        var exit = await cli.RunAsync("attest", "-k", "release", good, bad);

        Assert.Equal(1, exit);
        Assert.Contains($"attested {good}: by rebuilder-a: hello.tar.gz sha256:ab12\n", cli.Out, StringComparison.Ordinal);
        Assert.Contains($"vaultgpg: FAILED {bad}: ", cli.Error, StringComparison.Ordinal);
        Assert.Contains("unknown builder", cli.Error, StringComparison.Ordinal);
        Assert.Equal(2, cli.Vault.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task Sign_GateRefusesOneFile_ReportsItWithWhatIsMissing_SignsTheOther()
    {
        var files = new[] { "a.tar.gz", "b.tar.gz" }.Select(f => Path.Combine(_directory, f)).ToArray();
        foreach (var file in files)
        {
            await File.WriteAllTextAsync(file, file);
        }

        var cli = new TestCli();
        cli.Vault.Respond = request => request.Method switch
        {
            "GET" when request.Path == "/v1/gpg/keys/release" => FakeVault.Data(FakeKeys.Facts("release")),
            "POST" when request.Body?["batch_input"] is JsonArray items => FakeVault.Data(new JsonObject
            {
                ["batch_results"] = new JsonArray(
                    [.. items.Select(item => (JsonNode)(TestCli.Utf8String(Convert.FromBase64String(item!["input"]!.GetValue<string>())).EndsWith("a.tar.gz", StringComparison.Ordinal)
                        ? new JsonObject { ["error"] = "batch_input[0]: build policy not met: 1 of the 2 required builders attested sha256:ab; attested: a; missing: b", ["reference"] = item["reference"]!.DeepClone() }
                        : new JsonObject { ["signature"] = FakeSignature.Base64(), ["reference"] = item["reference"]!.DeepClone() }))]),
            }),
            _ => (HttpStatusCode.NotFound, null),
        };

        var exit = await cli.RunAsync(["sign", "-k", "release", .. files]);

        Assert.Equal(1, exit);
        Assert.Contains($"FAILED {files[0]}: not signed, the key's build policy is not met: 1 of the 2 required builders attested sha256:ab; attested: a; missing: b\n", cli.Error, StringComparison.Ordinal);
        Assert.Contains($"signed {files[1]} -> {files[1]}.sig", cli.Error, StringComparison.Ordinal);
    }
}
