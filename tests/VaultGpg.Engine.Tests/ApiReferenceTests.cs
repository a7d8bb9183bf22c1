using System.Text.RegularExpressions;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Tests;

/// <summary>
/// Convention tests: API.md (the HTTP API reference) and the declared paths must agree, and every path must carry its
/// help, so the reference cannot drift from what the engine accepts.
/// </summary>
public sealed partial class ApiReferenceTests
{
    /// <summary>URL captures documented under another name: the algorithm segment of sign/ is "algorithm".</summary>
    private static readonly Dictionary<string, string> DocumentedAs = new(StringComparer.Ordinal) { ["urlalgorithm"] = "algorithm" };

    [Fact]
    public async Task ApiReference_DocumentsEveryDeclaredField()
    {
        var documented = DocumentedParameters();
        var paths = await DeclaredPathsAsync();

        var undocumented = paths.SelectMany(p => p.Fields.Select(f => (p.Pattern, Field: DocumentedAs.GetValueOrDefault(f.Name, f.Name))))
            .Where(x => !documented.Contains(x.Field))
            .ToList();

        Assert.True(undocumented.Count == 0, "not in API.md: " + string.Join(", ", undocumented));
    }

    [Fact]
    public async Task ApiReference_DocumentsNoFieldThatIsNotDeclared()
    {
        var declared = (await DeclaredPathsAsync())
            .SelectMany(p => p.Fields.Select(f => DocumentedAs.GetValueOrDefault(f.Name, f.Name)))
            .ToHashSet(StringComparer.Ordinal);

        var stale = DocumentedParameters().Where(d => !declared.Contains(d)).ToList();

        Assert.True(stale.Count == 0, "documented but not declared: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task EveryPath_HasSynopsisDescriptionAndDescribedFields()
    {
        var paths = await DeclaredPathsAsync();

        Assert.All(paths, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.HelpSynopsis), p.Pattern);
            Assert.False(string.IsNullOrWhiteSpace(p.HelpDescription), p.Pattern);
            Assert.All(p.Fields, f => Assert.True(f.Description.Length > 10, $"{p.Pattern}: {f.Name}"));
            Assert.All(p.Operations.Values, o => Assert.False(string.IsNullOrWhiteSpace(o.Summary), p.Pattern));
        });
    }

    [Fact]
    public async Task RootHelp_OpenApiListsEveryPath()
    {
        var backend = await TestBackend.CreateAsync();

        var help = await backend.SendAsync(new Request { Operation = Operation.Help, Path = "", Storage = backend.Storage });

        var openApiPaths = help.Data["openapi"]!["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var expected in new[] { "/keys/", "/keys/{name}", "/keys/{name}/config", "/keys/{name}/subkeys/", "/keys/{name}/subkeys/{key_id}", "/export/{name}", "/export-public/{name}", "/sign/{name}", "/verify/{name}" })
        {
            Assert.Contains(openApiPaths, p => p.StartsWith(expected, StringComparison.Ordinal));
        }
    }

    private static async Task<IReadOnlyList<PathDefinition>> DeclaredPathsAsync()
    {
        var backend = (FrameworkBackend)(await TestBackend.CreateAsync()).Backend;
        string[] probes = ["keys/", "keys/k", "keys/k/config", "keys/k/policy", "keys/k/attest", "keys/k/subkeys/", "keys/k/subkeys/0123456789ABCDEF", "keys/k/expiry", "keys/k/rotate", "keys/k/revoke", "keys/k/revocation-certificate", "keys/k/certify", "keys/k/transition", "export/k", "export-public/k", "sign/k", "verify/k", "decrypt/k", "show-session-key/k", "log/config", "log/verifier-key", "log/checkpoint", "log/tile/0/000", "log/proof/inclusion", "log/proof/consistency", "log/cosignatures", "log/cosigned-checkpoint"];
        return [.. probes.Select(backend.Route).OfType<PathDefinition>().Distinct()];
    }

    private static HashSet<string> DocumentedParameters()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "VaultGpg.Engine", "API.md"));
        return [.. ParameterLine().Matches(text).Select(m => m.Groups["name"].Value)];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VaultGpg.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("VaultGpg.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^- `(?<name>[a-z_]+)` `\(", RegexOptions.Multiline)]
    private static partial Regex ParameterLine();
}
