using VaultGpg.TestSupport;

namespace VaultGpg.Cli.Tests.EndToEnd;

/// <summary>Builds small real RPMs with rpmbuild from a tiny spec (no sources, one file).</summary>
internal static class RpmPackages
{
    private const string Spec = """
        Name: vaultgpg-e2e
        Version: 1.0
        Release: 1
        Summary: vaultgpg end-to-end test package
        License: MIT
        BuildArch: noarch
        %description
        A package for signing tests.
        %install
        mkdir -p %{buildroot}/usr/share/vaultgpg-e2e
        echo "signed through Vault" > %{buildroot}/usr/share/vaultgpg-e2e/README
        %files
        /usr/share/vaultgpg-e2e/README
        """;

    /// <summary>Builds one package and copies it to <paramref name="count"/> differently named files in <paramref name="directory"/>.</summary>
    public static async Task<IReadOnlyList<string>> BuildAsync(string directory, int count)
    {
        var top = Path.Combine(directory, "rpmbuild");
        var spec = Path.Combine(directory, "e2e.spec");
        await File.WriteAllTextAsync(spec, Spec + "\n");
        var built = await ExternalProcess.RunAsync("rpmbuild", ["-bb", "--define", "_topdir " + top, "--quiet", spec], timeout: TimeSpan.FromSeconds(120));
        Assert.True(built.ExitCode == 0, $"rpmbuild failed: {built}");
        var package = Directory.GetFiles(Path.Combine(top, "RPMS"), "*.rpm", SearchOption.AllDirectories).Single();
        var copies = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var copy = Path.Combine(directory, $"vaultgpg-e2e-{i:00}.rpm");
            File.Copy(package, copy);
            copies.Add(copy);
        }

        return copies;
    }
}
