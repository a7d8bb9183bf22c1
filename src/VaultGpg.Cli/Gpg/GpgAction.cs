namespace VaultGpg.Cli.Gpg;

/// <summary>What a gpg command line asks for.</summary>
internal enum GpgAction
{
    /// <summary>A detached signature (<c>-b</c>, <c>--detach-sign</c>), what rpmsign, git and Release.gpg want.</summary>
    DetachSign,

    /// <summary>A cleartext signature (<c>--clearsign</c>), an apt InRelease.</summary>
    ClearSign,

    /// <summary>Anything verification-like: handed to the real gpg unchanged.</summary>
    PassToRealGpg,

    /// <summary><c>--version</c>.</summary>
    Version,
}
