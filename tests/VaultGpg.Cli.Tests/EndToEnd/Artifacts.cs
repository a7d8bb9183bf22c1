namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// The published files the end-to-end tests run, as users run them: <c>artifacts/bin/vaultgpg</c>, the plugin, the
/// dev host (all from <c>build/publish.sh</c>), and <c>build/gpg-shim</c>.
/// </summary>
internal static class Artifacts
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string Vaultgpg => Existing("artifacts/bin/vaultgpg");

    public static string Plugin => Existing("artifacts/bin/vault-plugin-secrets-gpg");

    public static string DevHost => Existing("artifacts/bin/vault-dev-host");

    public static string GpgShim => Existing("build/gpg-shim");

    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    private static string Existing(string relative)
    {
        var path = Path(relative);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: run build/publish.sh first (it publishes vaultgpg, the plugin and the dev host).", path);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "VaultGpg.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no VaultGpg.sln above {AppContext.BaseDirectory}");
    }
}
