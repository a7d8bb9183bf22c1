namespace VaultGpg.Cli.Hosting;

/// <summary>Exit codes, chosen to match gpg's where the meaning is the same.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Some work failed (a file not signed, a signature not valid); the rest was done.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or an error before any work (gpg uses 2 for errors): unsupported option, no key, Vault unreachable.</summary>
    public const int Error = 2;
}
