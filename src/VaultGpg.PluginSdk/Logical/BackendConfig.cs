using Microsoft.Extensions.Logging;

namespace VaultGpg.PluginSdk.Logical;

/// <summary>What a backend is built from when Vault sets up a mount (Vault's logical.BackendConfig).</summary>
public sealed record BackendConfig
{
    /// <summary>Mount options plus plugin_name, plugin_type and plugin_version. Empty during the registration probe.</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();

    /// <summary>The mount's UUID; "" during the registration probe.</summary>
    public string BackendUuid { get; init; } = "";

    /// <summary>The mount's storage. Do not use it while the backend is being built.</summary>
    public required IStorage StorageView { get; init; }

    /// <summary>Vault's system view. Do not use it while the backend is being built.</summary>
    public required ISystemView System { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
