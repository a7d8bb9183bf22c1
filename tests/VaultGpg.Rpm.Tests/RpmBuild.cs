using System.Globalization;
using VaultGpg.TestSupport;

namespace VaultGpg.Rpm.Tests;

/// <summary>Builds a real package with rpmbuild: one file of <c>payloadBytes</c> random bytes (so it does not compress).</summary>
internal static class RpmBuild
{
    /// <param name="reservedSpace">%__gpg_reserved_space: null for rpm's default (4096, plus 32), -32 for no RESERVEDSPACE tag.</param>
    public static async Task<string> BuildAsync(string directory, string name, int payloadBytes, bool noarch = true, int? reservedSpace = null)
    {
        var top = Path.Combine(directory, "top-" + name);
        var source = Path.Combine(directory, name + ".bin");
        await File.WriteAllBytesAsync(source, System.Security.Cryptography.RandomNumberGenerator.GetBytes(payloadBytes));
        var spec = Path.Combine(directory, name + ".spec");
        await File.WriteAllTextAsync(spec, $"""
            Name: {name}
            Version: 1.0
            Release: 1
            Summary: VaultGpg.Rpm test package
            License: MIT
            {(noarch ? "BuildArch: noarch" : "")}
            %description
            A package for signing tests.
            %install
            mkdir -p %{"{buildroot}"}/usr/share/{name}
            cp {source} %{"{buildroot}"}/usr/share/{name}/data.bin
            %files
            /usr/share/{name}/data.bin

            """.Replace("\r", "", StringComparison.Ordinal));
        List<string> arguments = ["-bb", "--quiet", "--define", "_topdir " + top, "--define", "debug_package %{nil}", "--define", "__os_install_post %{nil}"];
        if (reservedSpace is { } space)
        {
            arguments.AddRange(["--define", "__gpg_reserved_space " + space.ToString(CultureInfo.InvariantCulture)]);
        }

        var built = await ExternalProcess.RunAsync("rpmbuild", [.. arguments, spec], timeout: TimeSpan.FromSeconds(180));
        Assert.True(built.ExitCode == 0, $"rpmbuild failed: {built}");
        var package = Directory.GetFiles(Path.Combine(top, "RPMS"), "*.rpm", SearchOption.AllDirectories).Single();
        var target = Path.Combine(directory, Path.GetFileName(package));
        File.Move(package, target);
        return target;
    }
}
