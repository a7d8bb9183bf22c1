using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// The log's public files as Vault writes them, byte for byte rather than as JSON (<see cref="Response.Raw"/>, how the
/// PKI engine serves <c>ca/pem</c>), with their content types and cache lifetimes.
/// </summary>
internal static class RawResponse
{
    public const string Text = "text/plain; charset=utf-8";
    public const string Binary = "application/octet-stream";

    /// <summary>A full tile or entry bundle never changes once written (in tlog-tiles only partial tiles grow), so
    /// clients and proxies may keep it; the checkpoint and partial tiles keep Vault's default, no-store.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";

    public static Response Ok(string contentType, ReadOnlySpan<byte> body, string? cacheControl = null) =>
        Response.Raw(200, contentType, body, cacheControl);
}
