using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.PluginSdk.Tests.Support;

namespace VaultGpg.PluginSdk.Tests;

/// <summary>Help for the mount root and for each path, with the OpenAPI document shaped as Vault's (facts §5.6).</summary>
public sealed class HelpTests
{
    private static readonly FieldSchema<string> Name = Field.NameString("name", "Name of the key.");
    private static readonly FieldSchema<int> KeyBits = Field.Int("key_bits", "Key size: 2048, 3072 or 4096.  Default   2048.", @default: 2048, allowed: [2048, 3072, 4096]);
    private static readonly FieldSchema<bool> Exportable = Field.Bool("exportable", "Whether the key may be exported.");
    private static readonly FieldSchema<IReadOnlyList<string>> Usages = Field.CommaStringSlice("usages", "Key usages.", required: true);
    private static readonly FieldSchema<TimeSpan> Ttl = Field.DurationSeconds("ttl", "Lifetime.", @default: TimeSpan.FromHours(1));
    private static readonly FieldSchema<IReadOnlyList<JsonObject>> Batch = Field.ObjectList("batch_input", "Batch of inputs.");
    private static readonly FieldSchema<string> Passphrase = Field.String("passphrase", "Passphrase of the key.") with { Sensitive = true };
    private static readonly FieldSchema<string> Format = Field.String("format", "Output format.", @default: "base64", allowed: ["base64", "ascii-armor"]) with { Query = true };
    private static readonly FieldSchema<string> UrlAlgorithm = Field.String("urlalgorithm", "Hash algorithm in the URL.");
    private static readonly FieldSchema<string> Input = Field.String("input", "Data to sign.", required: true);

    private static readonly PathDefinition[] Paths =
    [
        new("keys/?")
        {
            Operations = { [Operation.List] = new(Handlers.Nothing) { Summary = "List keys." } },
            HelpSynopsis = "List the keys.",
            HelpDescription = "Lists every key by name.",
        },
        new("keys/" + PathPatterns.Name(Name))
        {
            Fields = [Name, KeyBits, Exportable, Usages, Ttl, Batch, Passphrase, Format],
            ExistenceCheck = (_, _, _) => Task.FromResult(false),
            Operations =
            {
                [Operation.Read] = new(Handlers.Nothing) { Summary = "Read a key." },
                [Operation.Create] = new(Handlers.Nothing) { Summary = "Create a key." },
                [Operation.Update] = new(Handlers.Nothing) { Summary = "Create or update a key." },
                [Operation.Delete] = new(Handlers.Nothing) { Summary = "Delete a key." },
            },
            HelpSynopsis = "Manage   keys.\n",
            HelpDescription = "Creates, reads and deletes keys.",
        },
        new("sign/" + PathPatterns.Name(Name) + PathPatterns.Optional(UrlAlgorithm))
        {
            Fields = [Name, UrlAlgorithm, Input],
            Operations = { [Operation.Update] = new(Handlers.Nothing) { Summary = "Sign data." } },
            HelpSynopsis = "Sign data.",
        },
        new("config")
        {
            Operations = { [Operation.Read] = new(Handlers.Nothing), [Operation.Update] = new(Handlers.Nothing) },
            HelpSynopsis = "Configure the engine.",
        },
        new("internal/.*") { HelpSynopsis = "No path form." },
    ];

    private readonly TestBackend _backend = TestBackend.Create(
        o => new FrameworkBackendOptions { Config = o.Config, Paths = o.Paths, Help = o.Help, SpecialPaths = new SpecialPaths { Root = ["config"] } },
        Paths);

    [Fact]
    public async Task RootHelp_Always_HasHelpSeeAlsoAndOpenApi()
    {
        var data = await HelpAsync("");

        Assert.Equal(["help", "see_also", "openapi"], data.Select(p => p.Key));
        Assert.Null(data["see_also"]);
        Assert.IsType<JsonObject>(data["openapi"]);
    }

    [Fact]
    public async Task RootHelp_Text_ListsBackendHelpAndEveryPathWithSynopsis()
    {
        var help = (string)(await HelpAsync(""))["help"]!;

        Assert.Contains("A backend made for tests.", help, StringComparison.Ordinal);
        Assert.Contains("    ^keys/?$\n        List the keys.", help, StringComparison.Ordinal);
        Assert.Contains("^sign/(?<name>", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootHelp_OpenApi_HasVaultDocumentHeader()
    {
        var openApi = await OpenApiAsync("");

        Assert.Equal("3.0.2", (string?)openApi["openapi"]);
        Assert.Equal("HashiCorp Vault API", (string?)openApi["info"]?["title"]);
        Assert.Equal("1.20.1", (string?)openApi["info"]?["version"]);
        Assert.Equal("Mozilla Public License 2.0", (string?)openApi["info"]?["license"]?["name"]);
        Assert.NotNull(openApi["info"]?["license"]?["url"]);
        Assert.IsType<JsonObject>(openApi["components"]?["schemas"]);
    }

    [Fact]
    public async Task RootHelp_OpenApi_ListsEveryExpandedPathSorted()
    {
        var openApi = await OpenApiAsync("");

        Assert.Equal(
            ["/config", "/internal/.*", "/keys/", "/keys/{name}", "/sign/{name}", "/sign/{name}/{urlalgorithm}"],
            openApi["paths"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task OpenApi_ListOnlyPath_IsGetWithRequiredListParameter()
    {
        var item = (await OpenApiAsync(""))["paths"]!["/keys/"]!;

        var get = item["get"]!;
        Assert.Equal("list-keys", (string?)get["operationId"]);
        Assert.Equal("List keys.", (string?)get["summary"]);
        var list = Assert.Single(get["parameters"]!.AsArray())!;
        LogicalAssert.JsonEqual("""{"name":"list","description":"Must be set to `true`","in":"query","schema":{"type":"string","enum":["true"]},"required":true}""", list);
        Assert.Equal("#/components/schemas/StandardListResponse", (string?)get["responses"]?["200"]?["content"]?["application/json"]?["schema"]?["$ref"]);
        Assert.Null(item["post"]);
    }

    [Fact]
    public async Task OpenApi_KeyPath_HasPathParameterAndMethods()
    {
        var item = (await OpenApiAsync(""))["paths"]!["/keys/{name}"]!;

        Assert.Equal("Manage keys.", (string?)item["description"]);
        Assert.True((bool)item["x-vault-createSupported"]!);
        var parameter = Assert.Single(item["parameters"]!.AsArray())!;
        LogicalAssert.JsonEqual("""{"name":"name","description":"Name of the key.","in":"path","schema":{"type":"string","pattern":"\\w([\\w-.]*\\w)?"},"required":true}""", parameter);
        Assert.Equal("read-keys-name", (string?)item["get"]?["operationId"]);
        Assert.Equal("write-keys-name", (string?)item["post"]?["operationId"]);
        Assert.Equal("delete-keys-name", (string?)item["delete"]?["operationId"]);
        Assert.Equal("""["secrets"]""", item["get"]?["tags"]?.ToJsonString());
        LogicalAssert.JsonEqual("""{"200":{"description":"OK"}}""", item["get"]?["responses"]);
        LogicalAssert.JsonEqual("""{"204":{"description":"empty body"}}""", item["delete"]?["responses"]);
    }

    [Fact]
    public async Task OpenApi_QueryField_IsQueryParameterOfReadAndBodyPropertyOfWrite()
    {
        var openApi = await OpenApiAsync("");
        var item = openApi["paths"]!["/keys/{name}"]!;

        var query = Assert.Single(item["get"]!["parameters"]!.AsArray())!;
        Assert.Equal("format", (string?)query["name"]);
        Assert.Equal("query", (string?)query["in"]);
        Assert.NotNull(openApi["components"]!["schemas"]!["WriteKeysNameRequest"]!["properties"]!["format"]);
    }

    [Fact]
    public async Task OpenApi_WriteRequestBody_IsNamedSchemaWithTypedProperties()
    {
        // Act
        var openApi = await OpenApiAsync("");

        // Assert
        var post = openApi["paths"]!["/keys/{name}"]!["post"]!;
        Assert.Equal("Create or update a key.", (string?)post["summary"]);
        Assert.True((bool)post["requestBody"]!["required"]!);
        Assert.Equal("#/components/schemas/WriteKeysNameRequest", (string?)post["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        var schema = openApi["components"]!["schemas"]!["WriteKeysNameRequest"]!;
        Assert.Equal("object", (string?)schema["type"]);
        Assert.Equal("""["usages"]""", schema["required"]!.ToJsonString());
        var properties = schema["properties"]!;
        LogicalAssert.JsonEqual("""{"type":"integer","description":"Key size: 2048, 3072 or 4096. Default 2048.","enum":[2048,3072,4096],"default":2048}""", properties["key_bits"]!);
        LogicalAssert.JsonEqual("""{"type":"boolean","description":"Whether the key may be exported."}""", properties["exportable"]!);
        LogicalAssert.JsonEqual("""{"type":"array","description":"Key usages.","items":{"type":"string"}}""", properties["usages"]!);
        LogicalAssert.JsonEqual("""{"type":"string","description":"Lifetime.","format":"duration","default":3600}""", properties["ttl"]!);
        LogicalAssert.JsonEqual("""{"type":"array","description":"Batch of inputs.","items":{"type":"object"}}""", properties["batch_input"]!);
        Assert.True((bool)properties["passphrase"]!["x-vault-displayAttrs"]!["sensitive"]!);
        Assert.Null(properties["name"]);
    }

    [Fact]
    public async Task OpenApi_OptionalUrlSegment_LeavesCaptureOutOfShorterPath()
    {
        var paths = (await OpenApiAsync(""))["paths"]!;

        var shortPath = paths["/sign/{name}"]!;
        var longPath = paths["/sign/{name}/{urlalgorithm}"]!;
        Assert.Equal(["name"], shortPath["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal(["name", "urlalgorithm"], longPath["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal("write-sign-name", (string?)shortPath["post"]?["operationId"]);
        Assert.Equal("write-sign-name-urlalgorithm", (string?)longPath["post"]?["operationId"]);
    }

    [Fact]
    public async Task OpenApi_RootSpecialPath_IsMarkedSudo()
    {
        var paths = (await OpenApiAsync(""))["paths"]!;

        Assert.True((bool)paths["/config"]!["x-vault-sudo"]!);
        Assert.Null(paths["/keys/{name}"]!["x-vault-sudo"]);
    }

    [Fact]
    public async Task OpenApi_PatternWithoutPathForm_IsListedWithoutOperations()
    {
        var item = (await OpenApiAsync(""))["paths"]!["/internal/.*"]!;

        LogicalAssert.JsonEqual("""{"description":"No path form."}""", item);
    }

    [Fact]
    public async Task OpenApi_EveryDeclaredField_IsDocumentedWithItsDescription()
    {
        // Arrange
        var openApi = await OpenApiAsync("");
        var documented = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, item) in openApi["paths"]!.AsObject())
        {
            Collect(item!["parameters"]);
            foreach (var method in new[] { "get", "post", "delete" })
            {
                Collect(item[method]?["parameters"]);
            }
        }

        foreach (var (_, schema) in openApi["components"]!["schemas"]!.AsObject())
        {
            foreach (var (name, property) in schema!["properties"]?.AsObject() ?? [])
            {
                documented.TryAdd(name, (string?)property!["description"] ?? "");
            }
        }

        // Assert
        foreach (var field in Paths.SelectMany(p => p.Fields))
        {
            Assert.True(documented.TryGetValue(field.Name, out var description), $"field {field.Name} is not in the OpenAPI document");
            Assert.Equal(string.Join(' ', field.Description.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), description);
        }

        void Collect(JsonNode? parameters)
        {
            foreach (var parameter in parameters?.AsArray() ?? [])
            {
                documented.TryAdd((string)parameter!["name"]!, (string?)parameter["description"] ?? "");
            }
        }
    }

    [Fact]
    public async Task RootHelp_RequestResponsePrefix_PrefixesOperationIdsAndSchemaNames()
    {
        var openApi = await OpenApiAsync("", """{"requestResponsePrefix":"gpg"}""");

        Assert.Equal("gpg-read-keys-name", (string?)openApi["paths"]!["/keys/{name}"]!["get"]!["operationId"]);
        Assert.NotNull(openApi["components"]!["schemas"]!["GpgWriteKeysNameRequest"]);
    }

    [Fact]
    public async Task RootHelp_AskedTwice_GivesTheSameDocument()
    {
        var first = await HelpAsync("");
        var second = await HelpAsync("");

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
    }

    [Fact]
    public async Task PathHelp_KnownPath_DescribesOnlyThatPath()
    {
        // Act
        var data = await HelpAsync("keys/abc");

        // Assert
        Assert.Equal(["help", "see_also", "openapi"], data.Select(p => p.Key));
        Assert.Null(data["see_also"]);
        Assert.Equal(["/keys/{name}"], data["openapi"]!["paths"]!.AsObject().Select(p => p.Key));
        var help = (string)data["help"]!;
        Assert.Contains("Request:        keys/abc\n", help, StringComparison.Ordinal);
        Assert.Contains("Matching Route: ^keys/(?<name>", help, StringComparison.Ordinal);
        Assert.Contains("    key_bits (int)\n\n        Key size", help, StringComparison.Ordinal);
        Assert.Contains("    ttl (duration (sec))", help, StringComparison.Ordinal);
        Assert.Contains("## DESCRIPTION\n\nCreates, reads and deletes keys.", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathHelp_PathWithoutFields_HasNoParametersSection()
    {
        var help = (string)(await HelpAsync("config"))["help"]!;

        Assert.DoesNotContain("## PARAMETERS", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathHelp_UnknownPath_ThrowsUnsupportedPath()
    {
        await LogicalAssert.ThrowsAsync(ErrorType.UnsupportedPath, () => _backend.SendAsync(Operation.Help, "nope"));
    }

    [Fact]
    public async Task PathHelp_InvalidFieldValues_AreNotValidated()
    {
        var data = await HelpAsync("keys/abc", """{"key_bits":"many"}""");

        Assert.NotNull(data["help"]);
    }

    private async Task<JsonObject> HelpAsync(string path, string? json = null)
    {
        var response = await _backend.SendAsync(Operation.Help, path, json);
        Assert.NotNull(response?.Data);
        Assert.Null(response.Error);
        return response.Data;
    }

    private async Task<JsonObject> OpenApiAsync(string path, string? json = null) =>
        (await HelpAsync(path, json))["openapi"]!.AsObject();
}
