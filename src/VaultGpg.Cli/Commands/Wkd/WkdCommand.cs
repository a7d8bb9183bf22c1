using System.CommandLine;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Signing;
using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Commands.Wkd;

/// <summary>
/// <c>vaultgpg wkd --key K --domain D DIR</c>: writes the key's Web Key Directory files for domain D under DIR, for both
/// methods of draft-koch-openpgp-webkey-service: advanced (<c>DIR/openpgpkey.D/.well-known/openpgpkey/D/hu/HASH</c>,
/// served as https://openpgpkey.D/) and direct (<c>DIR/.well-known/openpgpkey/hu/HASH</c>, served as https://D/), each
/// with its (empty) <c>policy</c> file. The content comes from Vault: the binary minimal key with only D's user IDs.
/// </summary>
internal sealed class WkdCommand(CliContext context)
{
    private const string PolicyFile = "policy";

    public static Command Create(CliContext context)
    {
        var key = CommonOptions.Key();
        var mount = CommonOptions.Mount();
        var domain = new Option<string>("--domain", "-d") { Description = "The mail domain whose user IDs to publish (e.g. example.org).", Required = true };
        var directory = new Argument<string>("DIR") { Description = "Directory to write the .well-known trees into (created if missing)." };
        var command = new Command("wkd", "Write a key's Web Key Directory files (advanced and direct methods) for a mail domain.") { key, mount, domain, directory };
        command.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
            new WkdCommand(context).RunAsync(
                CommonOptions.RequireKey(parse, key, context.Environment), parse.GetValue(mount), parse.GetValue(domain)!, parse.GetValue(directory)!, ct)));
        return command;
    }

    public async Task<int> RunAsync(string key, string? mount, string domain, string directory, CancellationToken cancellationToken)
    {
        var client = context.ConnectMount(mount);
        var export = await new KeyResolver(client)
            .WithKeyAsync(key, name => client.ExportWkdAsync(name, domain.Trim(), cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        if (export.WkdKey is null || export.Wkd is not { Count: > 0 } files)
        {
            throw new VaultException("Vault returned no WKD entry (wkd_key, wkd): is the engine older than this command?");
        }

        var content = Convert.FromBase64String(export.WkdKey);
        var root = Path.GetFullPath(directory);
        var written = new List<string>();
        foreach (var file in files)
        {
            foreach (var relative in new[] { file.AdvancedPath, file.DirectPath })
            {
                var target = Inside(root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await OutputFile.WriteAsync(target, content, cancellationToken).ConfigureAwait(false);
                written.Add(target);

                // hu/HASH sits next to the policy file: DIR/.../openpgpkey[/D]/policy.
                var policy = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(target)!)!, PolicyFile);
                if (!File.Exists(policy))
                {
                    await OutputFile.WriteAsync(policy, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
                    written.Add(policy);
                }
            }
        }

        foreach (var path in written)
        {
            await context.Console.Out.WriteLineAsync(path).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>The absolute path of a relative path Vault sent, refused when it would leave <paramref name="root"/>.</summary>
    private static string Inside(string root, string? relative)
    {
        if (string.IsNullOrEmpty(relative) || Path.IsPathRooted(relative))
        {
            throw new VaultException($"Vault returned an unusable WKD path \"{relative}\"");
        }

        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new VaultException($"Vault returned a WKD path outside the directory: \"{relative}\"");
    }
}
