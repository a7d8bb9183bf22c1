using System.CommandLine;
using VaultGpg.Cli.Commands.Attest;
using VaultGpg.Cli.Commands.Clearsign;
using VaultGpg.Cli.Commands.ExportPublic;
using VaultGpg.Cli.Commands.Keys;
using VaultGpg.Cli.Commands.Log;
using VaultGpg.Cli.Commands.RpmSign;
using VaultGpg.Cli.Commands.Sign;
using VaultGpg.Cli.Commands.Verify;
using VaultGpg.Cli.Commands.Wkd;
using VaultGpg.Cli.Gpg;
using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Commands;

/// <summary>
/// The command tree. <c>gpg</c> is not parsed here: its arguments follow gpg's rules, not ours, so
/// <see cref="RunAsync"/> hands them to <see cref="GpgCommand"/> untouched (and skips building the tree, which keeps
/// the per-package start-up of rpmsign short).
/// </summary>
internal static class CliApplication
{
    public static RootCommand Create(CliContext context)
    {
        var gpg = new Command("gpg", "gpg-compatible mode for rpmsign, git and apt tools (see build/gpg-shim): vaultgpg gpg -u KEY --detach-sign ...");
        gpg.Add(new Argument<string[]>("GPG-ARGUMENTS") { Arity = ArgumentArity.ZeroOrMore });
        return new RootCommand("vaultgpg: OpenPGP signing with keys kept in Vault's GPG secrets engine. " +
            "Reads VAULT_ADDR, VAULT_TOKEN (or ~/.vault-token), VAULT_NAMESPACE, VAULT_CACERT, VAULT_CLIENT_CERT/KEY, VAULT_SKIP_VERIFY, VAULT_GPG_MOUNT, VAULT_GPG_KEY.")
        {
            SignCommand.Create(context),
            VerifyCommand.Create(context),
            ClearsignCommand.Create(context),
            ExportPublicCommand.Create(context),
            KeysCommand.Create(context),
            RpmSignCommand.Create(context),
            LogCommand.Create(context),
            WkdCommand.Create(context),
            AttestCommand.Create(context),
            gpg,
        };
    }

    public static Task<int> RunAsync(CliContext context, string[] args, string? invokedAs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(args);
        if (GpgModeRequested(args, invokedAs, out var gpgArguments))
        {
            return new GpgCommand(context).RunAsync(gpgArguments, cancellationToken);
        }

        var configuration = new InvocationConfiguration { Output = context.Console.Out, Error = context.Console.Error };
        return Create(context).Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>
    /// <c>vaultgpg gpg ARGS</c>, or this executable started under the name gpg/gpg2 (a symlink, or rpm's
    /// <c>%__gpg_sign_cmd</c>, which execs %__gpg with argv[0] "gpg").
    /// </summary>
    internal static bool GpgModeRequested(string[] args, string? invokedAs, out IReadOnlyList<string> gpgArguments)
    {
        if (args.Length > 0 && args[0] == "gpg")
        {
            gpgArguments = args[1..];
            return true;
        }

        if (invokedAs is not null && Path.GetFileName(invokedAs) is "gpg" or "gpg2")
        {
            gpgArguments = args;
            return true;
        }

        gpgArguments = [];
        return false;
    }
}
