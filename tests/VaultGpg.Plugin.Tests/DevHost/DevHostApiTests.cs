using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>
/// Vault's HTTP API in front of the published plugins: help and OpenAPI, the token check, and the status mapping of
/// routing and field errors (facts 5.3-5.6).
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostApiTests(DevHostFixture fixture)
{
    private readonly DevHostProcess _host = fixture.Host;

    [Fact]
    public async Task RootHelp_ProductPlugin_ReturnsOpenApiDocument()
    {
        using var client = _host.CreateClient();

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/gpg/?help=1", null, CancellationToken.None);

        Assert.Equal(200, status);
        // Help answers resp.Data itself, not the envelope.
        Assert.Null(body!["request_id"]);
        Assert.False(string.IsNullOrWhiteSpace(body["help"]?.GetValue<string>()));
        var openapi = body["openapi"]!.AsObject();
        Assert.StartsWith("3.", openapi["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(openapi["info"]?["title"]);
        Assert.NotNull(openapi["paths"]?.AsObject());
    }

    [Fact]
    public async Task RootHelp_TestPlugin_ListsItsPathsInOpenApi()
    {
        using var client = _host.CreateClient();

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/test?help=1", null, CancellationToken.None);

        Assert.Equal(200, status);
        var paths = body!["openapi"]!["paths"]!.AsObject();
        Assert.Contains(paths, p => p.Key.StartsWith("/kv/{name}", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.Key == "/echo");
    }

    [Fact]
    public async Task PathHelp_KvEntry_DescribesThatPath()
    {
        using var client = _host.CreateClient();

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/test/kv/some-entry?help=1", null, CancellationToken.None);

        Assert.Equal(200, status);
        var help = body!["help"]!.GetValue<string>();
        Assert.Contains("Create, read, replace and delete one entry.", help, StringComparison.Ordinal);
        Assert.Contains("value", help, StringComparison.Ordinal);
        Assert.DoesNotContain("Echo typed fields.", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData("")]
    public async Task Request_WithoutTheRootToken_Returns403PermissionDenied(string token)
    {
        using var client = _host.CreateClient(token);

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/gpg/?help=1", null, CancellationToken.None);

        Assert.Equal(403, status);
        Assert.Equal("permission denied", DevHostHttp.SingleError(body));
    }

    [Fact]
    public async Task Health_WithoutToken_ReportsUnsealed()
    {
        using var client = _host.CreateClient("");

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/sys/health", null, CancellationToken.None);

        Assert.Equal(200, status);
        Assert.False(body!["sealed"]!.GetValue<bool>());
        Assert.True(body["initialized"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UnknownPath_OnMount_Returns404UnsupportedPath()
    {
        using var client = _host.CreateClient();

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/test/no/such/path", null, CancellationToken.None);

        Assert.Equal(404, status);
        Assert.Equal("1 error occurred:\n\t* unsupported path\n\n", DevHostHttp.SingleError(body));
    }

    [Fact]
    public async Task UnknownMount_Returns404NoHandler()
    {
        using var client = _host.CreateClient();

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/nomount/x", null, CancellationToken.None);

        Assert.Equal(404, status);
        Assert.Equal("no handler for route \"nomount/x\". route entry not found.", DevHostHttp.SingleError(body));
    }

    [Fact]
    public async Task UndeclaredOperation_OnKnownPath_Returns405()
    {
        using var client = _host.CreateClient();

        // echo declares read and update only.
        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Delete, "v1/test/echo", null, CancellationToken.None);

        Assert.Equal(405, status);
        Assert.Equal("1 error occurred:\n\t* unsupported operation\n\n", DevHostHttp.SingleError(body));
    }

    [Theory]
    [InlineData("count", "nope")]
    [InlineData("flag", "maybe")]
    [InlineData("ttl", "soon")]
    public async Task FieldValidation_BadValue_Returns400NamingTheField(string field, string value)
    {
        using var client = _host.CreateClient();
        var request = new JsonObject { ["text"] = "x", [field] = value };

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Post, "v1/test/echo", request, CancellationToken.None);

        Assert.Equal(400, status);
        var error = DevHostHttp.SingleError(body);
        Assert.StartsWith("Field validation failed", error, StringComparison.Ordinal);
        Assert.Contains(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Echo_QueryParameters_ArriveAsTypedFields()
    {
        using var client = _host.CreateClient();

        var body = await client.GetFromJsonAsync<JsonObject>(new Uri("v1/test/echo?text=hi&count=3&flag=true&items=a,b", UriKind.Relative));

        var data = body!["data"]!;
        Assert.Equal("hi", data["text"]!.GetValue<string>());
        Assert.Equal(3, data["count"]!.GetValue<int>());
        Assert.True(data["flag"]!.GetValue<bool>());
        Assert.Equal(["a", "b"], data["items"]!.AsArray().Select(i => i!.GetValue<string>()));
    }

    [Fact]
    public async Task UnexpectedPluginFailure_Returns500()
    {
        using var client = _host.CreateClient();

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/test/boom", null, CancellationToken.None);

        Assert.Equal(500, status);
        Assert.StartsWith("1 error occurred:", DevHostHttp.SingleError(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_WithoutMergePatchContentType_Returns415()
    {
        using var client = _host.CreateClient();

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Patch, "v1/test/kv/x", new JsonObject { ["value"] = "v" }, CancellationToken.None);

        Assert.Equal(415, status);
        Assert.StartsWith("PATCH requires Content-Type of application/merge-patch+json", DevHostHttp.SingleError(body), StringComparison.Ordinal);
    }
}
