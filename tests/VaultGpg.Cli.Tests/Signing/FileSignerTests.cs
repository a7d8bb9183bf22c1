using System.Net;
using System.Text.Json.Nodes;
using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Tests.Fakes;
using VaultGpg.OpenPgp;
using VaultGpg.OpenPgp.Hashing;
using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.Signing;

public sealed class FileSignerTests : IDisposable
{
    private readonly string _directory = TemporaryDirectory.CreateShort("vgs-");

    public void Dispose() => TemporaryDirectory.DeleteQuietly(_directory);

    [Fact]
    public async Task Sign_SmallAndLargeFiles_SmallSentInlineLargeAsHashState()
    {
        // Arrange
        var small = await WriteAsync("small.bin", 1000);
        var large = await WriteAsync("large.bin", 200_000);
        var cli = FakeKeys.BatchSigningCli();

        // Act
        var exit = await cli.RunAsync("sign", "--key", "release", "--hash-threshold", "65536", "--quiet", small, large);

        // Assert
        Assert.Equal(0, exit);
        var items = cli.Vault.Requests.Where(r => r.Method == "POST").SelectMany(r => r.Body!["batch_input"]!.AsArray()).Select(i => i!.AsObject()).ToList();
        var smallItem = Assert.Single(items, i => i["input"] is not null);
        Assert.Equal(Convert.ToBase64String(await File.ReadAllBytesAsync(small)), smallItem["input"]!.GetValue<string>());
        var largeItem = Assert.Single(items, i => i["hash_state"] is not null);
        var expected = ResumableHash.Create(HashAlgorithm.Sha256);
        expected.Append(await File.ReadAllBytesAsync(large));
        Assert.Equal(Convert.ToBase64String(expected.ExportState()), largeItem["hash_state"]!.GetValue<string>());
        Assert.Equal(FakeSignature.Packet(), await File.ReadAllBytesAsync(small + ".sig"));
        Assert.Equal(FakeSignature.Packet(), await File.ReadAllBytesAsync(large + ".sig"));
    }

    [Fact]
    public async Task Sign_OneFileMissing_OthersSignedExit1AndMissingOneNamed()
    {
        var files = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            files.Add(await WriteAsync($"f{i}.rpm", 100 + i));
        }

        var missing = Path.Combine(_directory, "gone.rpm");
        files.Insert(2, missing);
        var cli = FakeKeys.BatchSigningCli();

        var exit = await cli.RunAsync(["sign", "--key", "release", "--jobs", "3", .. files]);

        Assert.Equal(1, exit);
        Assert.Contains($"FAILED {missing}: cannot read", cli.Error, StringComparison.Ordinal);
        Assert.Contains("signed 5 of 6 files", cli.Error, StringComparison.Ordinal);
        Assert.All(files.Where(f => f != missing), f => Assert.True(File.Exists(f + ".sig"), f));
        Assert.False(File.Exists(missing + ".sig"));
    }

    [Fact]
    public async Task Sign_VaultRefusesOneItem_ThatFileFailsWithVaultsMessage()
    {
        var good = await WriteAsync("good.bin", 10);
        var bad = await WriteAsync("bad.bin", 13);
        var cli = new TestCli();
        cli.Vault.Respond = request => request.Method == "GET"
            ? FakeVault.Data(FakeKeys.Facts("release"))
            : FakeVault.Data(new JsonObject
            {
                ["batch_results"] = new JsonArray(
                    [.. request.Body!["batch_input"]!.AsArray().Select(item => (JsonNode)(item!["input"]!.GetValue<string>().Length == 20
                        ? new JsonObject { ["error"] = "batch_input[1]: refused for the test", ["reference"] = item["reference"]!.DeepClone() }
                        : new JsonObject { ["signature"] = FakeSignature.Base64(), ["reference"] = item["reference"]!.DeepClone() }))]),
            });

        var exit = await cli.RunAsync("sign", "--key", "release", "--armor", good, bad);

        Assert.Equal(1, exit);
        Assert.True(File.Exists(good + ".asc"));
        Assert.False(File.Exists(bad + ".asc"));
        Assert.Contains("refused for the test", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_OutputDirectory_SignaturesThereAndNoTemporaryFilesLeft()
    {
        var file = await WriteAsync("a.txt", 50);
        var output = Directory.CreateDirectory(Path.Combine(_directory, "sigs")).FullName;
        var cli = FakeKeys.BatchSigningCli();

        Assert.Equal(0, await cli.RunAsync("sign", "-k", "release", "-d", output, "-q", file));

        Assert.Equal(["a.txt.sig"], Directory.GetFiles(output).Select(Path.GetFileName));
        Assert.Equal("", cli.Error);
    }

    [Fact]
    public async Task Sign_KeyUnknownToVault_Exit2BeforeAnySigning()
    {
        var file = await WriteAsync("a.txt", 50);
        var cli = new TestCli();
        cli.Vault.Respond = request => request.Query == "?list=true"
            ? FakeVault.Data(new JsonObject { ["keys"] = new JsonArray("other") })
            : (HttpStatusCode.NotFound, null);

        Assert.Equal(2, await cli.RunAsync("sign", "-k", "nosuchkey", file));

        Assert.Contains("no key in mount \"gpg\" matches \"nosuchkey\"", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(cli.Vault.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Sign_TokenMaySignButNotReadKeys_SignsWithTheNameAsGiven()
    {
        // A pipeline policy often allows only update on gpg/sign/release: reading keys/release is 403.
        var file = await WriteAsync("a.txt", 50);
        var cli = FakeKeys.BatchSigningCli();
        var signing = cli.Vault.Respond;
        cli.Vault.Respond = request => request.Method == "GET" ? FakeVault.Error(HttpStatusCode.Forbidden, "permission denied") : signing(request);

        Assert.Equal(0, await cli.RunAsync("sign", "-k", "release", "-q", file));

        Assert.True(File.Exists(file + ".sig"));
    }

    [Fact]
    public async Task Sign_ManyFiles_SplitIntoSeveralBatchesInOrder()
    {
        var files = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            files.Add(await WriteAsync($"p{i:00}.rpm", 10));
        }

        var cli = FakeKeys.BatchSigningCli();

        Assert.Equal(0, await cli.RunAsync(["sign", "-k", "release", "-j", "2", "-q", .. files]));

        var posts = cli.Vault.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(4, posts.Count);
        Assert.All(posts, p => Assert.Equal("/v1/gpg/sign/release", p.Path));
    }

    private async Task<string> WriteAsync(string name, int size)
    {
        var path = Path.Combine(_directory, name);
        var content = new byte[size];
        new Random(size).NextBytes(content);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }
}
