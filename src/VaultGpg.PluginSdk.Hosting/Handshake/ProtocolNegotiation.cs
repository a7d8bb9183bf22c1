using System.Globalization;

namespace VaultGpg.PluginSdk.Hosting.Handshake;

/// <summary>The outcome of go-plugin's app-protocol negotiation.</summary>
/// <param name="Version">The version to announce; always <see cref="ProtocolNegotiation.SupportedVersion"/>.</param>
/// <param name="ClientAccepts">Whether the client listed that version; if not, the client will report the mismatch.</param>
/// <param name="InvalidEntries">Entries of PLUGIN_PROTOCOL_VERSIONS that are not numbers (go-plugin skips and reports them).</param>
internal sealed record ProtocolNegotiation(int Version, bool ClientAccepts, IReadOnlyList<string> InvalidEntries)
{
    /// <summary>Vault's GRPCBackendPlugin with AutoMTLS: the only generation a current Vault client accepts.</summary>
    public const int SupportedVersion = 5;

    /// <summary>
    /// Picks the highest version both sides support. We support one version, and like go-plugin we answer our lowest
    /// version when nothing matches, so the client produces its own clear "incompatible API version" error.
    /// </summary>
    public static ProtocolNegotiation Negotiate(string? clientVersions)
    {
        var invalid = new List<string>();
        var accepts = false;
        foreach (var entry in (clientVersions ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(entry, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var version))
            {
                invalid.Add(entry);
            }
            else if (version == SupportedVersion)
            {
                accepts = true;
            }
        }

        return new ProtocolNegotiation(SupportedVersion, accepts, invalid);
    }
}
