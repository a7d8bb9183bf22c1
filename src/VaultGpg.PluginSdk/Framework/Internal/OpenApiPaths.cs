namespace VaultGpg.PluginSdk.Framework.Internal;

/// <summary>The OpenAPI paths of one pattern, and the names of all its named groups (whether or not they appear in a
/// given path).</summary>
internal sealed record OpenApiPaths(IReadOnlyList<string> Paths, IReadOnlySet<string> Captures);
