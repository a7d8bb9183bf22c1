using System.CommandLine;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Vault;
using VaultGpg.OpenPgp;

namespace VaultGpg.Cli.Commands;

/// <summary>Options several commands share, declared once so their names and help read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> Key() => new("--key", "-k")
    {
        Description = "The key: its name in the mount, fingerprint, key ID or e-mail address. Default: $VAULT_GPG_KEY.",
    };

    public static Option<string?> Mount() => new("--mount")
    {
        Description = "The secrets engine's mount path. Default: $VAULT_GPG_MOUNT, else gpg.",
    };

    public static Option<string> DigestAlgorithm() => new("--digest-algo")
    {
        Description = "Hash algorithm: SHA224, SHA256, SHA384 or SHA512.",
        DefaultValueFactory = _ => "SHA256",
    };

    public static Option<int> Jobs(string what) => new("--jobs", "-j")
    {
        Description = $"How many {what} run at once.",
        DefaultValueFactory = _ => 4,
    };

    public static Option<bool> Quiet() => new("--quiet", "-q")
    {
        Description = "Print nothing but errors (no progress, no summary).",
    };

    public static Option<string?> Output(string description) => new("--output", "-o") { Description = description };

    /// <summary>The key from --key or VAULT_GPG_KEY; a usage error when there is neither.</summary>
    public static string RequireKey(ParseResult parse, Option<string?> option, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(environment);
        return parse.GetValue(option) ?? VaultSettings.FromEnvironment(environment).DefaultKey
            ?? throw new UsageException("no key: pass --key NAME or set VAULT_GPG_KEY");
    }

    public static HashAlgorithm Digest(ParseResult parse, Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return DigestNames.Parse(parse.GetValue(option)!, "--digest-algo");
    }

    public static int RequirePositive(ParseResult parse, Option<int> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var value = parse.GetValue(option);
        return value >= 1 ? value : throw new UsageException($"{option.Name} must be at least 1");
    }
}
