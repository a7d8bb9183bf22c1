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
    bool Quiet);
