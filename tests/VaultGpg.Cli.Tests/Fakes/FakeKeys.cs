using System.Net;
using System.Text.Json.Nodes;

namespace VaultGpg.Cli.Tests.Fakes;

/// <summary>The fake Vault's keys: key facts as the engine returns them, and a Vault that signs every batch item.</summary>
internal static class FakeKeys
{
    /// <summary>Lower-case hex, as the engine (and the Go plugin) answer fingerprints.</summary>
    public const string Fingerprint = "0123456789abcdef0123456789abcdef01234567";

    public static JsonObject Facts(string name, string fingerprint = Fingerprint, string userId = "R <r@example.test>") => new()
    {
        ["name"] = name,
        ["fingerprint"] = fingerprint,
        ["key_id"] = fingerprint[^16..],
        ["key_type"] = "rsa",
        ["key_bits"] = 2048,
        ["user_ids"] = new JsonArray(userId),
        ["subkeys"] = new JsonArray(),
    };

    /// <summary>A CLI whose Vault knows the key "release" and answers every batch item with the fake signature.</summary>
    public static TestCli BatchSigningCli()
    {
        var cli = new TestCli();
        cli.Vault.Respond = request => request.Method switch
        {
            "GET" when request.Path == "/v1/gpg/keys/release" => FakeVault.Data(Facts("release")),
            "POST" when request.Body?["batch_input"] is JsonArray items => FakeVault.Data(new JsonObject
            {
                ["batch_results"] = new JsonArray(
                    [.. items.Select(item => (JsonNode)new JsonObject
                    {
                        ["signature"] = FakeSignature.Base64(),
                        ["reference"] = item!["reference"]!.DeepClone(),
                    })]),
            }),
            _ => (HttpStatusCode.NotFound, null),
        };
        return cli;
    }
}
