using VaultGpg.OpenPgp;

namespace VaultGpg.Cli.Gpg;

/// <summary>A parsed gpg command line, reduced to what signing through Vault needs.</summary>
internal sealed record GpgInvocation
{
    public GpgAction Action { get; init; }

    public bool Armor { get; init; }

    public bool TextMode { get; init; }

    /// <summary><c>-u</c>/<c>--local-user</c> in the order given: gpg makes one signature with each, in this order.</summary>
    public IReadOnlyList<string> LocalUsers { get; init; } = [];

    /// <summary><c>--default-key</c>: the key when no <c>-u</c> is given; the last one wins, as in gpg.</summary>
    public string? DefaultKey { get; init; }

    /// <summary>The keys to sign with: the <c>-u</c> keys, else the <c>--default-key</c>; empty when neither was given.</summary>
    public IReadOnlyList<string> Signers => LocalUsers.Count > 0 ? LocalUsers : DefaultKey is null ? [] : [DefaultKey];

    /// <summary>
    /// <c>--passphrase-fd N</c>: gpg reads the first line of descriptor N as the passphrase, whether or not a key needs
    /// one (with N = 0 the data to sign follows that line on stdin). The line is read and dropped.
    /// </summary>
    public int? PassphraseFd { get; init; }

    /// <summary><c>-o</c>/<c>--output</c>; "-" is stdout.</summary>
    public string? Output { get; init; }

    public HashAlgorithm? Digest { get; init; }

    public int? StatusFd { get; init; }

    /// <summary><c>--yes</c>: overwrite an existing output file.</summary>
    public bool Yes { get; init; }

    /// <summary>Input files; empty or "-" is stdin.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}
