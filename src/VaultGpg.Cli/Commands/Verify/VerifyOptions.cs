namespace VaultGpg.Cli.Commands.Verify;

/// <summary>Settings of one <c>vaultgpg verify</c> run.</summary>
internal sealed record VerifyOptions
{
    /// <summary>The key in the mount; null with <see cref="KeyFile"/>.</summary>
    public string? Key { get; init; }

    public string? Mount { get; init; }

    /// <summary>The signature file of the one FILE; default FILE.sig, else FILE.asc.</summary>
    public string? Signature { get; init; }

    /// <summary>A public key file: the signature is verified locally with it, and Vault is not asked.</summary>
    public string? KeyFile { get; init; }

    /// <summary>The log's verifier key string, or a file holding it: check each signature's tlog-proof against it.</summary>
    public string? LogKey { get; init; }

    /// <summary>A C2SP tlog-policy file: its logs and witness quorum for the tlog-proofs.</summary>
    public string? PolicyFile { get; init; }

    /// <summary>The tlog-proof of the one FILE; default SIG.tlog-proof.</summary>
    public string? Proof { get; init; }

    public bool ChecksLog => LogKey is not null || PolicyFile is not null;
}
