using System.Text.Json;

namespace VaultGpg.TestSupport;

/// <summary>
/// Another project's test data, read where it is kept (never copied into this repository): the Go plugin
/// LeSuisse/vault-gpg-plugin's keys and messages in <c>shared/peer-fixtures/vault-gpg-plugin.json</c>, looked up as
/// <c>../shared/peer-fixtures</c> from the repository root, then beside each directory above it (worktrees sit deeper).
/// </summary>
public static class PeerFixtures
{
    private const string GoPluginFile = "vault-gpg-plugin.json";

    private static readonly Lazy<string?> FixtureDirectory = new(Find);

    private static readonly Lazy<JsonElement> GoPluginFixtures = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDirectory.Value!, GoPluginFile)));
        return document.RootElement.GetProperty("fixtures").Clone();
    });

    /// <summary>Why peer-fixture tests cannot run here, or null when the fixtures are present.</summary>
    public static string? MissingReason => FixtureDirectory.Value is null
        ? $"no shared/peer-fixtures/{GoPluginFile} beside {DevHostPaths.RepositoryRoot} or any directory above it"
        : null;

    /// <summary>One of the Go plugin's fixtures by its Go variable name (gpgKey, privateDecryptKey, ...).</summary>
    public static string GoPlugin(string name) =>
        GoPluginFixtures.Value.GetProperty(name).GetString() ?? throw new InvalidOperationException($"fixture {name} is not a string");

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(DevHostPaths.RepositoryRoot).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "peer-fixtures");
            if (File.Exists(Path.Combine(candidate, GoPluginFile)))
            {
                return candidate;
            }
        }

        return null;
    }
}
