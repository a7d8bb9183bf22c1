using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>
/// The client files the end-to-end tests run, as users run them: <c>artifacts/bin/vaultgpg</c> (from
/// <c>build/publish.sh</c>) and <c>build/gpg-shim</c>. The dev host and the plugin come from <see cref="DevHostPaths"/>.
/// </summary>
internal static class Artifacts
{
    public static string Vaultgpg => Existing("artifacts/bin/vaultgpg");

    public static string GpgShim => Existing("build/gpg-shim");

    public static string Path(string relative) => System.IO.Path.Combine(DevHostPaths.RepositoryRoot, relative);

    private static string Existing(string relative)
    {
        var path = Path(relative);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: run build/publish.sh first (it publishes vaultgpg, the plugin and the dev host).", path);
    }
}
