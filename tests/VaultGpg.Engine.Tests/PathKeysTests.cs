using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.TestSupport;

namespace VaultGpg.Engine.Tests;

public sealed class PathKeysTests : IAsyncLifetime
{
    private readonly GpgOracle _gpg = GpgOracle.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _gpg.DisposeAsync();

    [GpgFact]
    public async Task CreateKey_Generated_PublicKeyImportsIntoGpgWithSameFingerprint()
    {
        // Arrange
        var backend = await TestBackend.CreateAsync();

        // Act
        var created = await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Release Bot", email = "release@example.com" });
        var read = await backend.ReadAsync("keys/release");

        // Assert
        Assert.Equal(200, created.Status(Operation.Create));
        Assert.Equal(200, read.Status(Operation.Read));
        Assert.Equal("ed25519", read.Text("key_type"));
        Assert.Equal("Release Bot <release@example.com>", read.Data["user_ids"]![0]!.GetValue<string>());
        (await _gpg.ImportAsync(Encoding.ASCII.GetBytes(read.Text("public_key")))).EnsureSuccess("import");
        var keys = await _gpg.ListKeysAsync();
        var gpgFingerprint = read.Text("fingerprint").ToUpperInvariant();
        Assert.Contains(keys, r => r.Type == "fpr" && r.UserIdOrFingerprint == gpgFingerprint);
    }

    [Fact]
    public async Task CreateKey_NameTaken_KeepsOriginalKey()
    {
        var backend = await TestBackend.CreateAsync();
        var first = await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test" });

        var second = await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test" });
        var read = await backend.ReadAsync("keys/release");

        Assert.Equal(400, second.Status(Operation.Update));
        Assert.Contains("already exists", second.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(first.Text("fingerprint"), read.Text("fingerprint"));
    }

    [Fact]
    public async Task ReadKey_Missing_Returns404()
    {
        var backend = await TestBackend.CreateAsync();

        var read = await backend.ReadAsync("keys/nope");

        Assert.Equal(404, read.Status(Operation.Read));
    }

    [Fact]
    public async Task ListKeys_TwoKeys_ReturnsSortedNames()
    {
        var backend = await TestBackend.CreateAsync();
        await backend.WriteAsync("keys/zeta", new { key_type = "ed25519", real_name = "Test" });
        await backend.WriteAsync("keys/alpha", new { key_type = "ed25519", real_name = "Test" });

        var list = await backend.ListAsync("keys/");

        Assert.Equal(["alpha", "zeta"], list.Data["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
    }

    [Fact]
    public async Task DeleteKey_DeletionNotAllowed_Returns400AndKeyStays()
    {
        var backend = await TestBackend.CreateAsync();
        await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test" });

        var deleted = await backend.DeleteAsync("keys/release");

        Assert.Equal(400, deleted.Status(Operation.Delete));
        Assert.Contains("deletion_allowed", deleted.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(200, (await backend.ReadAsync("keys/release")).Status(Operation.Read));
    }

    [Fact]
    public async Task DeleteKey_DeletionAllowed_Returns204ThenReadIs404()
    {
        var backend = await TestBackend.CreateAsync();
        await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "Test", deletion_allowed = true });

        var deleted = await backend.DeleteAsync("keys/release");

        Assert.Equal(204, deleted.Status(Operation.Delete));
        Assert.Equal(404, (await backend.ReadAsync("keys/release")).Status(Operation.Read));
        Assert.Empty(await backend.Storage.ListAsync("key/", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteKey_Missing_Returns204()
    {
        var backend = await TestBackend.CreateAsync();

        var deleted = await backend.DeleteAsync("keys/nope");

        Assert.Equal(204, deleted.Status(Operation.Delete));
    }

    [Theory]
    [InlineData("{\"key_type\":\"dsa\",\"real_name\":\"T\"}", "key_type")]
    [InlineData("{\"key_bits\":1024,\"real_name\":\"T\"}", "key_bits")]
    [InlineData("{\"key_bits\":5000,\"real_name\":\"T\"}", "key_bits")]
    [InlineData("{\"key_type\":\"ed25519\",\"key_bits\":2048,\"real_name\":\"T\"}", "key_bits")]
    [InlineData("{\"key_type\":\"ed25519\",\"real_name\":\"Eve <evil>\"}", "real_name")]
    [InlineData("{\"key_type\":\"ed25519\",\"comment\":\"a(b)\"}", "comment")]
    [InlineData("{\"key_type\":\"ed25519\",\"real_name\":\"bell\\u0007\"}", "real_name")]
    [InlineData("{\"generate\":false}", "key")]
    [InlineData("{\"generate\":true,\"key\":\"bm90IGEga2V5\",\"real_name\":\"T\"}", "generate")]
    [InlineData("{\"generate\":false,\"key\":\"bm90IGEga2V5\"}", "neither ASCII armor nor binary OpenPGP packets")]
    [InlineData("{\"generate\":false,\"key\":\"%%%\"}", "key")]
    [InlineData("{\"key_bits\":\"many\"}", "key_bits")]
    [InlineData("{\"generate\":\"maybe\"}", "generate")]
    [InlineData("{\"generate\":false,\"key\":\"bm90IGEga2V5 \"}", "key: must be an ascii-armored key or base64 of a binary key; not valid base64")]
    [InlineData("{\"generate\":false,\"key\":\"bm90IGEga2V5Cg\"}", "key: must be an ascii-armored key or base64 of a binary key; not valid base64")]
    [InlineData("{\"key_type\":\"ed25519\",\"expires\":1000000000000}", "\"expires\": out of range")]
    [InlineData("{\"key_type\":\"ed25519\",\"expires\":-1000000000000}", "\"expires\": out of range")]
    [InlineData("{\"key_type\":\"ed25519\",\"expires\":\"99999999999999999999\"}", "\"expires\": out of range")]
    [InlineData("{\"key_type\":\"ed25519\",\"expires\":5000000000}", "expires: 5000000000 seconds is too long")]
    public async Task CreateKey_BadInput_Returns400NamingTheField(string body, string field)
    {
        var backend = await TestBackend.CreateAsync();

        var created = await backend.WriteAsync("keys/bad", System.Text.Json.JsonDocument.Parse(body).RootElement);

        Assert.Equal(400, created.Status(Operation.Create));
        Assert.Contains(field, created.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await backend.Storage.ListAsync("key/", CancellationToken.None));
    }

    [Theory]
    [InlineData("keys/bad name")]
    [InlineData("keys/-dash")]
    [InlineData("keys/a/b/c")]
    public async Task CreateKey_InvalidName_IsNotAPath(string path)
    {
        var backend = await TestBackend.CreateAsync();

        var created = await backend.WriteAsync(path, new { key_type = "ed25519", real_name = "Test" });

        Assert.Equal(404, created.Status(Operation.Update));
    }

    [GpgFact]
    public async Task ImportKey_PassphraseProtectedFromGpg_SignatureVerifiesWithGpg()
    {
        // Arrange: a key made by gpg, protected by a passphrase.
        var fingerprint = await _gpg.GenerateKeyAsync("Imported <imported@example.com>", "rsa2048", "sign", passphrase: "correct horse");
        var secret = await _gpg.ExportSecretKeyAsync(fingerprint, "correct horse");
        var backend = await TestBackend.CreateAsync();

        // Act
        var wrong = await backend.WriteAsync("keys/imported", new { generate = false, key = Encoding.ASCII.GetString(secret), passphrase = "wrong" });
        var imported = await backend.WriteAsync("keys/imported", new { generate = false, key = Encoding.ASCII.GetString(secret), passphrase = "correct horse" });
        var data = "release artefact"u8.ToArray();
        var signed = await backend.WriteAsync("sign/imported", new { input = Convert.ToBase64String(data) });

        // Assert
        Assert.Equal(400, wrong.Status(Operation.Create));
        Assert.DoesNotContain("wrong", wrong.ErrorMessage!.Replace("wrong passphrase", "", StringComparison.OrdinalIgnoreCase), StringComparison.Ordinal);
        Assert.Equal(200, imported.Status(Operation.Create));
        Assert.Equal(fingerprint.ToLowerInvariant(), imported.Text("fingerprint"));
        var (_, status) = await _gpg.VerifyDetachedAsync(data, Convert.FromBase64String(signed.Text("signature")));
        Assert.True(status.Good, status.ToString());
        Assert.Equal(fingerprint, status.PrimaryFingerprint);
    }

    [Fact]
    public async Task ImportKey_Binary_Base64Accepted()
    {
        var source = await TestBackend.CreateAsync();
        await source.WriteAsync("keys/k", new { key_type = "ed25519", real_name = "Test", exportable = true });
        var armored = (await source.ReadAsync("export/k")).Text("key");
        var binary = VaultGpg.OpenPgp.Signing.Armor.Decode(armored);
        var backend = await TestBackend.CreateAsync();

        var imported = await backend.WriteAsync("keys/k", new { generate = false, key = Convert.ToBase64String(binary) });

        Assert.Equal(200, imported.Status(Operation.Create));
        Assert.True(imported.Data["imported"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("keys/a..b")]
    [InlineData("keys/release..v2")]
    [InlineData("sign/a..b")]
    [InlineData("verify/a..b")]
    [InlineData("export-public/a..b")]
    public async Task KeyName_WithDotDot_Returns400NamingNameNot500(string path)
    {
        var backend = await TestBackend.CreateAsync();

        var answer = path.StartsWith("export", StringComparison.Ordinal)
            ? await backend.ReadAsync(path)
            : await backend.WriteAsync(path, new { key_type = "ed25519", input = "QQ==", signature = "QQ==" });

        Assert.Equal(400, answer.Status(Operation.Update));
        Assert.Contains("\"name\": must not contain \"..\"", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(128, 200)]
    [InlineData(129, 400)]
    [InlineData(1000, 400)]
    public async Task KeyName_Length_UpTo128CharactersAccepted(int length, int status)
    {
        var backend = await TestBackend.CreateAsync();
        var name = new string('k', length);

        var created = await backend.WriteAsync("keys/" + name, new { key_type = "ed25519", real_name = "T" });
        var read = await backend.ReadAsync("keys/" + name);

        Assert.Equal(status, created.Status(Operation.Create));
        Assert.Equal(status == 200 ? 200 : 400, read.Status(Operation.Read));
        if (status == 400)
        {
            Assert.Contains("must be at most 128 characters long", created.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryAnswer_FingerprintsAndKeyIds_LowerCaseHexAsTheGoPluginWritesThem()
    {
        // Arrange
        var backend = await TestBackend.CreateAsync();
        var created = await backend.WriteAsync("keys/release", new { key_type = "ed25519", real_name = "T" });
        var added = await backend.WriteAsync("keys/release/subkeys", new { key_type = "ed25519" });
        var signed = await backend.WriteAsync("sign/release", new { input = "QQ==" });

        // Act
        var answers = new[]
        {
            created,
            added,
            signed,
            await backend.ReadAsync("keys/release"),
            await backend.ListAsync("keys/release/subkeys"),
            await backend.ReadAsync("keys/release/subkeys/" + added.Text("key_id").ToUpperInvariant()),
            await backend.ReadAsync("export-public/release"),
            await backend.WriteAsync("verify/release", new { input = "QQ==", signature = signed.Text("signature") }),
            await backend.WriteAsync("sign/release", new { batch_input = new[] { new { input = "QQ==" } } }),
        };

        // Assert
        var hexFields = new[] { "fingerprint", "key_id", "signing_key_id", "signing_key_fingerprint", "key_ids" };
        var values = answers.SelectMany(a => HexValues(a.Data, hexFields)).ToList();
        Assert.True(values.Count >= 15, string.Join(", ", values));
        Assert.All(values, v => Assert.Matches("^[0-9a-f]{16}([0-9a-f]{24})?$", v));
    }

    [Fact]
    public async Task Import_KeyWith65Subkeys_400NamesKeyAndSubkeyLimit()
    {
        var backend = await TestBackend.CreateAsync();
        var key = HostileKeys.Armored(HostileKeys.RsaPublicKeyBlock(1024, 66));

        var imported = await backend.WriteAsync("keys/many", new { generate = false, key });

        Assert.Equal(400, imported.Status(Operation.Create));
        Assert.Equal("key: the key has 65 subkeys; at most 64 are accepted", imported.ErrorMessage);
    }

    /// <summary>Every string under a property with one of <paramref name="names"/>, at any depth (lists included).</summary>
    private static IEnumerable<string> HexValues(JsonNode? node, string[] names) => node switch
    {
        JsonObject o => o.SelectMany(p => names.Contains(p.Key) ? Strings(p.Value) : HexValues(p.Value, names)),
        JsonArray a => a.SelectMany(n => HexValues(n, names)),
        _ => [],
    };

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray a => a.SelectMany(Strings),
        JsonValue v => [v.GetValue<string>()],
        _ => [],
    };
}
