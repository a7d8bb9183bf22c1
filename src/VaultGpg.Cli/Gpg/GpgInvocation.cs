using VaultGpg.OpenPgp;

namespace VaultGpg.Cli.Gpg;

/// <summary>A parsed gpg command line, reduced to what signing through Vault needs.</summary>
internal sealed record GpgInvocation
{
    public GpgAction Action { get; init; }

    public bool Armor { get; init; }

    public bool TextMode { get; init; }

    /// <summary><c>-u</c>/<c>--local-user</c>/<c>--default-key</c>; the last one given wins, as in gpg.</summary>
    public string? LocalUser { get; init; }

    /// <summary><c>-o</c>/<c>--output</c>; "-" is stdout.</summary>
    public string? Output { get; init; }

    public HashAlgorithm? Digest { get; init; }

    public int? StatusFd { get; init; }

    /// <summary><c>--yes</c>: overwrite an existing output file.</summary>
    public bool Yes { get; init; }

    /// <summary>Input files; empty or "-" is stdin.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}
