using System.Net;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>
/// What a transparency log served by Vault needs from the host, through the test plugin: its unauthenticated special
/// path (<c>public/*</c>) answers without a token while every other path still needs one, and raw responses come back
/// byte for byte with the plugin's status, Content-Type and Cache-Control (Vault's respondRaw).
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostPublicPathTests(DevHostFixture fixture)
{
    private readonly DevHostProcess _host = fixture.Host;

    /// <summary>The test plugin's raw body: byte i is i % 251.</summary>
    private static byte[] Pattern(int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(i % 251))];

    private static async Task<(HttpStatusCode Status, HttpResponseMessage Response, byte[] Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), CancellationToken.None);
        return (response.StatusCode, response, await response.Content.ReadAsByteArrayAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-the-root-token")]
    public async Task UnauthenticatedPath_WithoutAValidToken_IsServedAndMarkedUnauthenticated(string token)
    {
        using var client = _host.CreateClient(token);

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/test/public/whoami", null, CancellationToken.None);

        Assert.Equal(200, status);
        Assert.True(body!["data"]!["unauthenticated"]!.GetValue<bool>());
        Assert.Equal("", body["data"]!["client_token_accessor"]!.GetValue<string>());
        Assert.Equal("", body["data"]!["display_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnauthenticatedPath_WithTheRootToken_KeepsTheTokensLookup()
    {
        using var client = _host.CreateClient();

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, "v1/test/public/whoami", null, CancellationToken.None);

        Assert.Equal(200, status);
        Assert.True(body!["data"]!["unauthenticated"]!.GetValue<bool>());
        Assert.NotEqual("", body["data"]!["client_token_accessor"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("v1/test/echo?text=x")]
    [InlineData("v1/test/public")] // "public/*" is a prefix of "public/", not of "public"
    [InlineData("v1/gpg/public/whoami")] // special paths belong to their mount
    public async Task OtherPaths_WithoutAToken_AreStillPermissionDenied(string path)
    {
        using var client = _host.CreateClient("");

        var (status, body) = await DevHostHttp.SendAsync(client, HttpMethod.Get, path, null, CancellationToken.None);

        Assert.Equal(403, status);
        Assert.Equal("permission denied", DevHostHttp.SingleError(body));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8192)] // a full tlog tile: 256 hashes of 32 bytes
    [InlineData(12 * 1024 * 1024)]
    public async Task RawResponse_BinaryBody_IsByteExact(int size)
    {
        using var client = _host.CreateClient("");

        var (status, response, body) = await GetAsync(client, $"v1/test/public/raw?size={size}&content_type=application/octet-stream");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Pattern(size), body);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.ToString());
        // Vault's no-store stays when the plugin sets no Cache-Control of its own.
        Assert.Equal("no-store", response.Headers.NonValidated["Cache-Control"].ToString());
    }

    [Fact]
    public async Task RawResponse_OwnCacheControlAndStatus_AreAnsweredAsGiven()
    {
        using var client = _host.CreateClient("");

        var (status, response, body) = await GetAsync(client,
            "v1/test/public/raw?size=3&status=201&content_type=text/plain%3B%20charset%3Dutf-8&cache_control=public%2C%20max-age%3D31536000%2C%20immutable");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(Pattern(3), body);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.NonValidated["Cache-Control"].ToString());
    }

    [Theory]
    [InlineData("size=10&status=204", HttpStatusCode.NoContent, 0, null, null)] // 204 needs no content type, sends no body
    [InlineData("size=5&status=404&content_type=text/plain", HttpStatusCode.NotFound, 5, "text/plain", null)]
    [InlineData("size=10", HttpStatusCode.InternalServerError, 0, null, "no content type given")]
    public async Task RawResponse_StatusesAndMissingFields_FollowRespondRaw(
        string query, HttpStatusCode wantStatus, int wantSize, string? wantContentType, string? wantRawError)
    {
        using var client = _host.CreateClient("");

        var (status, response, body) = await GetAsync(client, "v1/test/public/raw?" + query);

        Assert.Equal(wantStatus, status);
        Assert.Equal(Pattern(wantSize), body);
        Assert.Equal(wantContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(wantRawError, response.Headers.TryGetValues("X-Vault-Raw-Error", out var raw) ? string.Join(",", raw) : null);
    }
}
