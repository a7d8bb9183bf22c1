namespace VaultGpg.TestSupport;

/// <summary>
/// The published files the dev-host tests run: what is tested is what users register. They are built by
/// <c>build/publish.sh</c> (the dev host alone by <c>build/build-devhost.sh</c>).
/// </summary>
public static class DevHostPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The checkout this test run belongs to (where VaultGpg.sln is).</summary>
    public static string RepositoryRoot => Root.Value;

    public static string DevHost => Artifact("bin/vault-dev-host");

    /// <summary>The product plugin, <c>artifacts/bin/vault-plugin-secrets-gpg</c>.</summary>
    public static string ProductPlugin => Artifact("bin/vault-plugin-secrets-gpg");

    /// <summary>The test-only plugin with the framework test paths, <c>artifacts/testbin/vault-plugin-test-paths</c>.</summary>
    public static string TestPlugin => Artifact("testbin/vault-plugin-test-paths");

    private static string Artifact(string relative)
    {
        var path = Path.Combine(Root.Value, "artifacts", relative);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} is missing: run build/publish.sh first (it publishes the plugins and builds the dev host).", path);
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VaultGpg.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no VaultGpg.sln above {AppContext.BaseDirectory}");
    }
}
