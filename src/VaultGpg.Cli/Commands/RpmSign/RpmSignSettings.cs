using VaultGpg.OpenPgp;

namespace VaultGpg.Cli.Commands.RpmSign;

/// <summary>Settings of one <c>vaultgpg rpmsign</c> run.</summary>
internal sealed record RpmSignSettings(
    string Key,
    string? Mount,
    int Jobs,
    HashAlgorithm Hash,
    string GpgProgram,
    string RpmSignProgram,
    bool Quiet)
{
    /// <summary>The old route: rpm's rpmsign with vaultgpg as %__gpg, per package.</summary>
    public bool ViaRpmSign { get; init; }

    /// <summary>Also write rpm 6's OPENPGP tag (278), as rpm 6 <c>--rpmv6</c> does; ECDSA keys then write only that.</summary>
    public bool RpmV6 { get; init; }

    /// <summary>Send each main header to Vault instead of its SHA-2 state (for measuring; hash states are the default).</summary>
    public bool SendHeaders { get; init; }

    /// <summary>Items per batch request: the engine's batch limit.</summary>
    public int MaxBatchItems { get; init; } = 5000;

    /// <summary>Inline bytes per request when headers are sent, well under Vault's 32 MiB request limit after base64.</summary>
    public long MaxBatchBytes { get; init; } = 4 * 1024 * 1024;
}
