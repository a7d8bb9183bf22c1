using System.Text.Json.Nodes;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// Whatever a caller sends is a 4xx with a message naming the field, never a 500 and never a dead plugin. Rows are
/// raw JSON bodies so that wrong types (arrays, objects, numbers out of range) reach the engine exactly as sent.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class BadInputTests(EngineHostFixture fixture)
{
    private const string Ed = EngineHostFixture.Ed25519Key;

    private readonly EngineApi _api = fixture.Api;

    /// <summary>{new} is replaced by a fresh key name, {ed} by the shared Ed25519 key.</summary>
    [Theory]
    // keys/:name (create)
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_bits":1024}""", "key_bits")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_bits":2047}""", "key_bits")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_bits":65536}""", "key_bits")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_bits":99999999999999999999999}""", "key_bits")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_bits":-2048}""", "key_bits")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_bits":"many"}""", "key_bits")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_bits":2048.5}""", "key_bits")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_type":"ed25519","key_bits":4096}""", "key_bits")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_type":"dsa"}""", "key_type")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_type":["rsa"]}""", "key_type")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_type":"ed25519","expires":-5}""", "expires")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_type":"ed25519","expires":"-1h"}""", "expires")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_type":"ed25519","expires":"soon"}""", "expires")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_type":"ed25519","expires":{"h":1}}""", "expires")]
    [InlineData("keys/{new}", """{"key_type":"ed25519"}""", "real_name")]
    [InlineData("keys/{new}", """{"key_type":"ed25519","real_name":"Mallory <evil>"}""", "real_name")]
    [InlineData("keys/{new}", """{"key_type":"ed25519","real_name":"line\nbreak"}""", "real_name")]
    [InlineData("keys/{new}", """{"key_type":"ed25519","email":"a(b)@example.com"}""", "email")]
    [InlineData("keys/{new}", """{"key_type":"ed25519","email":["a@example.com"]}""", "email")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_type":"ed25519","comment":"nul\u0000here"}""", "comment")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_type":"ed25519","exportable":"yes please"}""", "exportable")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","key_type":"ed25519","deletion_allowed":[true]}""", "deletion_allowed")]
    [InlineData("keys/{new}", """{"real_name":"Bad Input","generate":"perhaps"}""", "generate")]
    [InlineData("keys/{new}", """{"generate":false}""", "key")]
    [InlineData("keys/{new}", """{"generate":false,"key":"!!not base64!!"}""", "key")]
    [InlineData("keys/{new}", """{"generate":false,"key":"QUJDREVGR0g="}""", "key")]
    [InlineData("keys/{new}", """{"generate":false,"key":{"armored":"x"}}""", "key")]
    [InlineData("keys/{new}", """{"generate":false,"key":"-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nAAAA\n-----END PGP PRIVATE KEY BLOCK-----\n"}""", "key")]
    // keys/:name/config
    [InlineData("keys/{ed}/config", """{"exportable":"sure"}""", "exportable")]
    [InlineData("keys/{ed}/config", """{"deletion_allowed":[1]}""", "deletion_allowed")]
    // sign/:name
    [InlineData("sign/{ed}", """{}""", "input")]
    [InlineData("sign/{ed}", """{"input":"!!!not base64!!!"}""", "input")]
    [InlineData("sign/{ed}", """{"input":["QQ=="]}""", "input")]
    [InlineData("sign/{ed}", """{"input":{"data":"QQ=="}}""", "input")]
    [InlineData("sign/{ed}", """{"input":"QQ==","algorithm":"md5"}""", "algorithm")]
    [InlineData("sign/{ed}", """{"input":"QQ==","algorithm":"sha1"}""", "algorithm")]
    [InlineData("sign/{ed}", """{"input":"QQ==","algorithm":256}""", "algorithm")]
    [InlineData("sign/{ed}/sha3-256", """{"input":"QQ=="}""", "algorithm")]
    [InlineData("sign/{ed}", """{"input":"QQ==","algorithm":"sha2-224"}""", "SHA224 is too short")]
    [InlineData("sign/{ed}", """{"input":"QQ==","format":"pem"}""", "format")]
    [InlineData("sign/{ed}", """{"input":"QQ==","mode":"inline"}""", "mode")]
    [InlineData("sign/{ed}", """{"input":"QQ==","text":"maybe"}""", "text")]
    [InlineData("sign/{ed}", """{"input":"QQ==","mode":"clearsign","text":true}""", "text")]
    [InlineData("sign/{ed}", """{"input":"/w==","mode":"clearsign"}""", "input")]
    [InlineData("sign/{ed}", """{"input":"QQ==","hash_state":"QQ=="}""", "hash_state")]
    [InlineData("sign/{ed}", """{"hash_state":"!!"}""", "hash_state")]
    [InlineData("sign/{ed}", """{"hash_state":"QUJDREVGR0hJSktMTU5PUA=="}""", "hash_state")]
    [InlineData("sign/{ed}", """{"hash_state":"","mode":"clearsign"}""", "hash_state")]
    [InlineData("sign/{ed}", """{"batch_input":"QQ=="}""", "batch_input")]
    [InlineData("sign/{ed}", """{"batch_input":[]}""", "batch_input")]
    [InlineData("sign/{ed}", """{"batch_input":[{"input":"QQ=="}],"input":"QQ=="}""", "batch_input")]
    // verify/:name
    [InlineData("verify/{ed}", """{}""", "input")]
    [InlineData("verify/{ed}", """{"input":"QQ=="}""", "signature")]
    [InlineData("verify/{ed}", """{"input":"QQ==","signature":"QQ==","format":"hex"}""", "format")]
    [InlineData("verify/{ed}", """{"input":"@@","signature":"QQ=="}""", "input")]
    [InlineData("verify/{ed}", """{"input":"QQ==","signature":[1,2,3]}""", "signature")]
    [InlineData("verify/{ed}", """{"batch_input":[]}""", "batch_input")]
    // decrypt/:name and show-session-key/:name
    [InlineData("decrypt/{ed}", """{}""", "ciphertext")]
    [InlineData("decrypt/{ed}", """{"ciphertext":"@@@"}""", "ciphertext")]
    [InlineData("decrypt/{ed}", """{"ciphertext":"QUJDREVGR0g="}""", "ciphertext")]
    [InlineData("decrypt/{ed}", """{"ciphertext":["QQ=="]}""", "ciphertext")]
    [InlineData("decrypt/{ed}", """{"ciphertext":"QUJD","format":"hex"}""", "format")]
    [InlineData("decrypt/{ed}", """{"ciphertext":"not armor","format":"ascii-armor"}""", "ciphertext")]
    [InlineData("show-session-key/{ed}", """{"ciphertext":"QUJDREVGR0g="}""", "ciphertext")]
    [InlineData("show-session-key/{ed}", """{}""", "ciphertext")]
    // export/:name (POST carries the passphrase)
    [InlineData("export/{ed}", """{"passphrase":["x"]}""", "passphrase")]
    public async Task Request_BadField_Returns400NamingTheField(string path, string body, string field)
    {
        var answer = await _api.SendRawAsync(HttpMethod.Post, Resolve(path), body);

        Assert.True(answer.Status == 400, $"expected 400 naming {field}, got {answer}");
        Assert.Contains(field, answer.Errors, StringComparison.Ordinal);
        await fixture.AssertPluginAliveAsync();
    }

    /// <summary>Bodies that are not a JSON object: the host refuses them or the engine sees no fields; never a 500.</summary>
    [Theory]
    [InlineData("sign/{ed}", "")]
    [InlineData("sign/{ed}", "not json at all")]
    [InlineData("sign/{ed}", "[1,2,3]")]
    [InlineData("sign/{ed}", "\"a string\"")]
    [InlineData("sign/{ed}", "null")]
    [InlineData("sign/{ed}", "{\"input\":")]
    [InlineData("keys/{new}", "{\"key_type\":\"ed25519\",")]
    [InlineData("verify/{ed}", "\u0000\u0001\u0002")]
    [InlineData("decrypt/{ed}", "12345")]
    public async Task Request_BodyNotAJsonObject_Returns400(string path, string body)
    {
        var answer = await _api.SendRawAsync(HttpMethod.Post, Resolve(path), body);

        Assert.True(answer.Status == 400, answer.ToString());
        await fixture.AssertPluginAliveAsync();
    }

    [Fact]
    public async Task Sign_BatchOverTheLimit_Returns400NamingTheLimit()
    {
        var items = new JsonArray([.. Enumerable.Range(0, 5001).Select(_ => new JsonObject { ["input"] = "QQ==" })]);

        var answer = await _api.PostAsync($"sign/{Ed}", new JsonObject { ["batch_input"] = items });

        answer.AssertStatus(400);
        Assert.Contains("batch_input", answer.Errors, StringComparison.Ordinal);
        Assert.Contains("5000", answer.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_HugeInput_Returns200()
    {
        // 8 MiB in one JSON string: large, but a legal request; it must not take the plugin down.
        var input = Convert.ToBase64String(new byte[8 << 20]);

        var answer = await _api.PostAsync($"sign/{Ed}", new JsonObject { ["input"] = input });

        answer.AssertStatus(200);
    }

    private static string Resolve(string path) =>
        path.Replace("{ed}", Ed, StringComparison.Ordinal).Replace("{new}", EngineHostFixture.UniqueName("bad"), StringComparison.Ordinal);
}
