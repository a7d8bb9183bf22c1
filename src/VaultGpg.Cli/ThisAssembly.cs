using System.Reflection;

namespace VaultGpg.Cli;

/// <summary>The version printed by --version (from Directory.Build.props).</summary>
internal static class ThisAssembly
{
    public static string InformationalVersion =>
        typeof(ThisAssembly).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
