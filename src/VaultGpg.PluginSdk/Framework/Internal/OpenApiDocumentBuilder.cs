using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>
/// Builds the OpenAPI 3.0.2 document Vault expects in help responses, shaped as Vault's sdk/framework/openapi.go
/// shapes it (OASDocument): paths keyed "/x/{name}", list as a GET with a required <c>list</c> query parameter on the
/// path with a trailing slash, request bodies as named component schemas, operation ids "verb-path".
/// Objects are built by hand so that no reflection-based serialization is needed.
/// </summary>
internal sealed partial class OpenApiDocumentBuilder(SpecialPaths specialPaths, BackendType backendType, string operationPrefix)
{
    private const string StandardListResponse = "StandardListResponse";

    private readonly SortedDictionary<string, JsonObject> _paths = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JsonObject> _schemas = new(StringComparer.Ordinal);

    public void AddPath(CompiledPath path)
    {
        var definition = path.Definition;
        var expanded = OpenApiPathExpander.Expand(path.Source);
        if (expanded is null)
        {
            // No path form: list the pattern itself so a reader sees the endpoint exists, without operations.
            _paths[Slash(path.Source)] = PathItem(definition.HelpSynopsis, [], path.Source, createSupported: false, []);
            return;
        }

        foreach (var openApiPath in expanded.Paths)
        {
            AddExpandedPath(path, openApiPath, expanded.Captures);
        }
    }

    /// <summary>Builds the document; its info.version is Vault's version, as Vault's own help reports it.</summary>
    public async Task<JsonObject> BuildAsync(FrameworkBackend backend, CancellationToken cancellationToken) =>
        Build(await backend.Config.System.VaultVersionAsync(cancellationToken).ConfigureAwait(false));

    private JsonObject Build(string version) => new()
    {
        ["openapi"] = "3.0.2",
        ["info"] = new JsonObject
        {
            ["title"] = "HashiCorp Vault API",
            ["description"] = "HTTP API that gives you full access to Vault. All API routes are prefixed with `/v1/`.",
            ["version"] = version,
            ["license"] = new JsonObject
            {
                ["name"] = "Mozilla Public License 2.0",
                ["url"] = "https://www.mozilla.org/en-US/MPL/2.0",
            },
        },
        ["paths"] = ToObject(_paths),
        ["components"] = new JsonObject { ["schemas"] = ToObject(_schemas) },
    };

    private void AddExpandedPath(CompiledPath path, string openApiPath, IReadOnlySet<string> captures)
    {
        var definition = path.Definition;
        var inPath = PathParameterRegex().Matches(openApiPath).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var pathFields = definition.Fields.Where(f => inPath.Contains(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

        // A capture that is not part of this variant of the path is left out entirely, as Vault does.
        var otherFields = definition.Fields.Where(f => !captures.Contains(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var queryFields = otherFields.Where(f => f.Query).ToList();

        var operations = path.Operations
            .Where(o => !o.Value.Unpublished)
            .OrderBy(o => o.Key)
            .ToList();
        var createSupported = operations.Any(o => o.Key == Operation.Create);
        var hasUpdate = operations.Any(o => o.Key == Operation.Update);

        var methods = new List<(string Method, JsonObject Operation)>();
        JsonObject? list = null;
        foreach (var (operation, declared) in operations)
        {
            if (operation == Operation.Create && hasUpdate)
            {
                continue;
            }

            var operationId = OperationId(operation, openApiPath);
            var oas = new JsonObject();
            AddIfNotEmpty(oas, "summary", declared.Summary);
            AddIfNotEmpty(oas, "description", declared.Description);
            oas["operationId"] = operationId;
            if (Tag() is { } tag)
            {
                oas["tags"] = new JsonArray(tag);
            }

            switch (operation)
            {
                case Operation.Create or Operation.Update:
                    if (RequestBody(definition, otherFields, operationId) is { } body)
                    {
                        oas["requestBody"] = body;
                    }

                    oas["responses"] = Responses("200", "OK", listContent: false);
                    methods.Add(("post", oas));
                    break;
                case Operation.Read or Operation.Delete or Operation.List:
                    var parameters = queryFields.Select(f => Parameter(f, "query", required: false)).ToList();
                    if (operation == Operation.List)
                    {
                        parameters.Add(ListParameter());
                    }

                    if (parameters.Count > 0)
                    {
                        oas["parameters"] = new JsonArray([.. parameters.OrderBy(p => (string)p["name"]!, StringComparer.Ordinal)]);
                    }

                    oas["responses"] = operation switch
                    {
                        Operation.Delete => Responses("204", "empty body", listContent: false),
                        Operation.List => Responses("200", "OK", listContent: true),
                        _ => Responses("200", "OK", listContent: false),
                    };
                    if (operation == Operation.List)
                    {
                        _schemas[StandardListResponse] = StandardListSchema();
                        list = oas;
                    }
                    else
                    {
                        methods.Add((operation == Operation.Read ? "get" : "delete", oas));
                    }

                    break;
                default:
                    // Other operations (renew, revoke, …) have no HTTP method of their own.
                    continue;
            }

            if (declared.Deprecated)
            {
                oas["deprecated"] = true;
            }
        }

        // Vault's HTTP layer sends a path ending in '/' only as a list, so other operations there could never be called.
        var trailingSlash = openApiPath.EndsWith('/');
        if (trailingSlash)
        {
            methods.Clear();
        }

        if (list is null || methods.Count > 0)
        {
            _paths[Slash(openApiPath)] = PathItem(definition.HelpSynopsis, pathFields, openApiPath, createSupported, methods);
        }

        if (list is not null)
        {
            var listPath = trailingSlash ? openApiPath : openApiPath + "/";
            _paths[Slash(listPath)] = PathItem(definition.HelpSynopsis, pathFields, listPath, createSupported: false, [("get", list)]);
        }
    }

    private JsonObject PathItem(string synopsis, List<FieldSchema> pathFields, string openApiPath, bool createSupported, IEnumerable<(string Method, JsonObject Operation)> methods)
    {
        var item = new JsonObject();
        AddIfNotEmpty(item, "description", Clean(synopsis));
        if (pathFields.Count > 0)
        {
            item["parameters"] = new JsonArray([.. pathFields.Select(f => Parameter(f, "path", required: true))]);
        }

        if (SpecialPathMatcher.Matches(openApiPath, specialPaths.Root))
        {
            item["x-vault-sudo"] = true;
        }

        if (SpecialPathMatcher.Matches(openApiPath, specialPaths.Unauthenticated))
        {
            item["x-vault-unauthenticated"] = true;
        }

        if (createSupported)
        {
            item["x-vault-createSupported"] = true;
        }

        foreach (var method in new[] { "get", "post", "delete" })
        {
            foreach (var (name, operation) in methods.Where(m => m.Method == method))
            {
                item[name] = operation;
            }
        }

        return item;
    }

    private JsonObject? RequestBody(PathDefinition definition, List<FieldSchema> bodyFields, string operationId)
    {
        var schema = new JsonObject { ["type"] = "object" };
        if (bodyFields.Count > 0)
        {
            schema["properties"] = new JsonObject(bodyFields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)Schema(f, withDescription: true))));
        }

        if (definition.TakesArbitraryInput)
        {
            schema["additionalProperties"] = true;
        }

        var required = bodyFields.Where(f => f.Required).Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        if (required.Count > 0)
        {
            schema["required"] = new JsonArray([.. required.Select(r => JsonValue.Create(r))]);
        }

        JsonObject bodySchema;
        if (bodyFields.Count > 0)
        {
            var name = TitleCase(operationId) + "Request";
            _schemas[name] = schema;
            bodySchema = new JsonObject { ["$ref"] = "#/components/schemas/" + name };
        }
        else if (definition.TakesArbitraryInput)
        {
            bodySchema = schema;
        }
        else
        {
            return null;
        }

        return new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = bodySchema } },
        };
    }

    private static JsonObject Parameter(FieldSchema field, string location, bool required)
    {
        var parameter = new JsonObject { ["name"] = field.Name };
        AddIfNotEmpty(parameter, "description", Clean(field.Description));
        parameter["in"] = location;
        parameter["schema"] = Schema(field, withDescription: false);
        if (required)
        {
            parameter["required"] = true;
        }

        if (field.Deprecated)
        {
            parameter["deprecated"] = true;
        }

        return parameter;
    }

    private static JsonObject ListParameter() => new()
    {
        ["name"] = "list",
        ["description"] = "Must be set to `true`",
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("true") },
        ["required"] = true,
    };

    private static JsonObject Schema(FieldSchema field, bool withDescription)
    {
        (string Type, string? Items, string? Format, string? Pattern) oas = field.Type switch
        {
            FieldType.Text => ("string", null, null, null),
            FieldType.NameText => ("string", null, null, @"\w([\w-.]*\w)?"),
            FieldType.WholeNumber => ("integer", null, null, null),
            FieldType.Boolean => ("boolean", null, null, null),
            FieldType.DurationSeconds => ("string", null, "duration", null),
            FieldType.Map => ("object", null, "map", null),
            FieldType.ObjectSlice => ("array", "object", null, null),
            FieldType.CommaStringSlice or FieldType.StringSlice => ("array", "string", null, null),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "unknown field type"),
        };

        var schema = new JsonObject { ["type"] = oas.Type };
        if (withDescription)
        {
            AddIfNotEmpty(schema, "description", Clean(field.Description));
        }

        if (oas.Items is not null)
        {
            schema["items"] = new JsonObject { ["type"] = oas.Items };
        }

        AddIfNotEmpty(schema, "format", oas.Format);
        AddIfNotEmpty(schema, "pattern", oas.Pattern);
        if (field.AllowedValues.Count > 0)
        {
            schema["enum"] = new JsonArray([.. field.AllowedValues.Select(ToJson)]);
        }

        if (field.DefaultValue is { } defaultValue)
        {
            schema["default"] = ToJson(defaultValue);
        }

        if (withDescription && field.Deprecated)
        {
            schema["deprecated"] = true;
        }

        if (field.Sensitive)
        {
            schema["x-vault-displayAttrs"] = new JsonObject { ["sensitive"] = true };
        }

        return schema;
    }

    private static JsonObject Responses(string code, string description, bool listContent)
    {
        var response = new JsonObject { ["description"] = description };
        if (listContent)
        {
            response["content"] = new JsonObject
            {
                ["application/json"] = new JsonObject
                {
                    ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/" + StandardListResponse },
                },
            };
        }

        return new JsonObject { [code] = response };
    }

    private static JsonObject StandardListSchema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["keys"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
        },
    };

    /// <summary>Vault's constructOperationID without display attributes: prefix, verb ("write" for update), then the
    /// path's words, hyphenated and lower case.</summary>
    private string OperationId(Operation operation, string openApiPath)
    {
        var verb = operation == Operation.Update ? "write" : operation.ToWire();
        var words = NonWordRegex().Split(openApiPath);
        var parts = new[] { operationPrefix, verb }.Concat(words).Where(p => p.Length > 0);
        return string.Join('-', parts).ToLowerInvariant();
    }

    private string? Tag() => backendType switch
    {
        BackendType.Logical => "secrets",
        BackendType.Credential => "auth",
        _ => null,
    };

    private static string TitleCase(string hyphenated)
    {
        var builder = new StringBuilder(hyphenated.Length);
        foreach (var word in hyphenated.Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }

        return builder.ToString();
    }

    private static JsonNode? ToJson(object value) => value switch
    {
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        bool b => JsonValue.Create(b),
        TimeSpan t => JsonValue.Create((long)t.TotalSeconds),
        IReadOnlyList<string> list => new JsonArray([.. list.Select(s => JsonValue.Create(s))]),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "no JSON form for this default"),
    };

    private static JsonObject ToObject(SortedDictionary<string, JsonObject> entries) =>
        new(entries.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));

    private static void AddIfNotEmpty(JsonObject target, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            target[name] = value;
        }
    }

    /// <summary>Trims and folds whitespace runs into one space, as Vault's cleanString does.</summary>
    private static string Clean(string text) => WhitespaceRegex().Replace(text.Trim(), " ");

    private static string Slash(string path) => "/" + path;

    [GeneratedRegex(@"\{(\w+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PathParameterRegex();

    [GeneratedRegex(@"[^A-Za-z0-9_]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWordRegex();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRegex();
}
