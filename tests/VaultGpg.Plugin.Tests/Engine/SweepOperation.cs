using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VaultGpg.Plugin.Tests.Engine;

/// <summary>
/// One operation the engine declares in its OpenAPI document: the path template ("/keys/{name}"), the HTTP method
/// (LIST for a list), the path parameters, and the declared request fields with their schemas (body fields for POST,
/// query fields otherwise). Read from the mount's <c>?help=1</c> answer, so a new path is swept without a change here.
/// </summary>
internal sealed partial record SweepOperation(
    string Template, string Method, IReadOnlyList<string> PathParameters, IReadOnlyDictionary<string, JsonObject> Fields, bool Creates)
{
    public static IReadOnlyList<SweepOperation> FromOpenApi(JsonObject openApi)
    {
        var schemas = openApi["components"]?["schemas"]?.AsObject();
        var operations = new List<SweepOperation>();
        foreach (var (template, itemNode) in openApi["paths"]!.AsObject())
        {
            var item = itemNode!.AsObject();
            var pathParameters = ParameterPattern().Matches(template).Select(m => m.Groups[1].Value).ToList();
            var creates = item["x-vault-createSupported"]?.GetValue<bool>() == true;
            foreach (var method in (string[])["get", "post", "delete"])
            {
                if (item[method] is not JsonObject operation)
                {
                    continue;
                }

                var query = (operation["parameters"] as JsonArray ?? [])
                    .Select(p => p!.AsObject())
                    .Where(p => (string?)p["in"] == "query")
                    .ToList();
                var isList = method == "get" && query.Any(p => (string?)p["name"] == "list");
                var fields = method == "post"
                    ? BodyFields(operation, schemas)
                    : query.Where(p => (string?)p["name"] != "list")
                        .ToDictionary(p => (string)p["name"]!, p => p["schema"]?.AsObject() ?? [], StringComparer.Ordinal);
                operations.Add(new SweepOperation(template, isList ? "LIST" : method.ToUpperInvariant(), pathParameters, fields, creates));
            }
        }

        return operations;
    }

    private static Dictionary<string, JsonObject> BodyFields(JsonObject operation, JsonObject? schemas)
    {
        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"]?.AsObject();
        if (schema?["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = schemas?[reference["#/components/schemas/".Length..]]?.AsObject()
                ?? throw new InvalidOperationException($"dangling $ref {reference}");
        }

        return (schema?["properties"]?.AsObject() ?? [])
            .ToDictionary(p => p.Key, p => p.Value!.AsObject(), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex ParameterPattern();
}
