using System.Reflection;
using Microsoft.Extensions.Logging;

namespace VaultGpg.PluginSdk.Hosting;

/// <summary>How <see cref="PluginServer"/> presents the plugin to Vault.</summary>
public sealed class PluginServerOptions
{
    /// <summary>The plugin's name, for example <c>vault-plugin-secrets-gpg</c>; the <c>@module</c> of every log line.</summary>
    public required string PluginName { get; init; }

    /// <summary>
    /// The semver string <c>logical.PluginVersion/Version</c> reports ("1.2.3", "v1.2.3" or "" for none). Vault stores
    /// it at registration and compares it with <c>-version</c>. Default: the entry assembly's informational version
    /// without its <c>+metadata</c> suffix.
    /// </summary>
    public string Version { get; init; } = EntryAssemblyVersion();

    /// <summary>The lowest level written to stderr. Default: <see cref="LogLevel.Information"/>, Vault's default.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    private static string EntryAssemblyVersion()
    {
        var informational = Assembly.GetEntryAssembly()?
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return "";
        }

        // Vault parses the version as semver; the SDK appends "+<commit>" build metadata, which we drop for readability.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
