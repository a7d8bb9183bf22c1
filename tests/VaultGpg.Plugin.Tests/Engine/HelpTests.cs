using System.Text.RegularExpressions;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>Help (<c>?help=1</c>) for every path, and the root OpenAPI document listing every path and its fields.</summary>
[Collection(EngineCollection.Name)]
public sealed partial class HelpTests(EngineHostFixture fixture)
{
    private readonly EngineApi _api = fixture.Api;

    /// <summary>Each path with its synopsis and the fields its help must list (comma-separated).</summary>
    public static TheoryData<string, string, string, string> Paths => new()
    {
        { "keys/", "keys/", "List the named keys.", "" },
        { "keys/some-key", "keys/{name}", "Generate, import, read or delete a named OpenPGP key.", "name,generate,key_type,key_bits,real_name,email,comment,expires,key,passphrase,exportable,deletion_allowed,public_key" },
        { "keys/some-key/config", "keys/{name}/config", "Configure a named key.", "name,exportable,deletion_allowed" },
        { "keys/some-key/expiry", "keys/{name}/expiry", "Set, extend or remove the expiry", "name,expires_at,expires,key_ids" },
        { "keys/some-key/rotate", "keys/{name}/rotate", "Rotate a key's signing key", "name,key_type,key_bits,signs_from,expires,overlap" },
        { "export/some-key", "export/{name}", "Export a named key's secret key.", "name,passphrase" },
        { "export-public/some-key", "export-public/{name}", "Export a named key's public key.", "name" },
        { "sign/some-key", "sign/{name}", "Sign data with a named key.", "name,algorithm,input,format,mode,text,hash_state,expires,batch_input" },
        { "sign/some-key/sha2-512", "sign/{name}/{urlalgorithm}", "Sign data with a named key.", "name,urlalgorithm,algorithm,input,format,mode,text,hash_state,expires,batch_input" },
        { "verify/some-key", "verify/{name}", "Verify a signature with a named key.", "name,input,signature,signed_message,format,batch_input" },
        { "decrypt/some-key", "decrypt/{name}", "Decrypt", "name,ciphertext,format,signer_key" },
        { "show-session-key/some-key", "show-session-key/{name}", "session key", "name,ciphertext,format,signer_key" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task PathHelp_EveryPath_Returns200WithSynopsisAndFields(string path, string openApiPath, string synopsis, string fields)
    {
        _ = openApiPath;

        var answer = await _api.GetAsync(path + "?help=1");

        answer.AssertStatus(200);
        var help = answer.Body!["help"]!.GetValue<string>();
        Assert.Contains(synopsis, help, StringComparison.Ordinal);
        Assert.All(Split(fields), f => Assert.Contains(f, help, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task RootHelp_OpenApi_ListsEveryPathWithItsFields(string path, string openApiPath, string synopsis, string fields)
    {
        _ = (path, synopsis);

        var answer = await _api.GetAsync("?help=1");

        answer.AssertStatus(200);
        var paths = answer.Body!["openapi"]!["paths"]!.AsObject();
        var entry = paths.FirstOrDefault(p => p.Key == "/" + openApiPath).Value;
        Assert.True(entry is not null, $"/{openApiPath} not in OpenAPI paths: {string.Join(", ", paths.Select(p => p.Key))}");
        // Request bodies are in components/schemas, referenced by $ref, as in Vault's OpenAPI.
        var schemas = answer.Body["openapi"]!["components"]?["schemas"]?.AsObject();
        var referenced = RefPattern().Matches(entry.ToJsonString())
            .Select(m => schemas?[m.Groups[1].Value]?.ToJsonString() ?? throw new InvalidOperationException($"dangling $ref {m.Value}"));
        var text = string.Concat([entry.ToJsonString(), .. referenced]);
        Assert.All(Split(fields), f => Assert.Contains($"\"{f}\"", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RootHelp_Help_DescribesTheEngine()
    {
        var answer = await _api.GetAsync("?help=1");

        answer.AssertStatus(200);
        Assert.Contains("GPG secrets engine", answer.Body!["help"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [GeneratedRegex("\"#/components/schemas/([^\"]+)\"")]
    private static partial Regex RefPattern();

    private static string[] Split(string fields) => fields.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
