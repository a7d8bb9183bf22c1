using System.CommandLine;
using System.Text.Json;
using VaultGpg.Cli.Hosting;
using VaultGpg.Cli.Vault;

namespace VaultGpg.Cli.Commands.Keys;

/// <summary><c>vaultgpg keys list [--long]</c> and <c>vaultgpg keys show KEY [--json]</c>.</summary>
internal sealed class KeysCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var listMount = CommonOptions.Mount();
        var longFormat = new Option<bool>("--long", "-l") { Description = "Also print each key's type, fingerprint and first user ID." };
        var list = new Command("list", "List the keys in the mount.") { listMount, longFormat };
        list.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
            new KeysCommand(context).ListAsync(parse.GetValue(listMount), parse.GetValue(longFormat), ct)));

        var showMount = CommonOptions.Mount();
        var json = new Option<bool>("--json") { Description = "Print Vault's data as JSON." };
        var name = new Argument<string>("KEY") { Description = "Key name, fingerprint, key ID or e-mail address." };
        var show = new Command("show", "Show a key's facts: fingerprint, user IDs, subkeys, public key.") { showMount, json, name };
        show.SetAction((parse, ct) => CommandErrors.RunAsync(context.Console.Error, () =>
            new KeysCommand(context).ShowAsync(parse.GetValue(name)!, parse.GetValue(showMount), parse.GetValue(json), ct)));

        return new Command("keys", "List and inspect keys.") { list, show };
    }

    public async Task<int> ListAsync(string? mount, bool longFormat, CancellationToken cancellationToken)
    {
        var client = context.ConnectMount(mount);
        var names = await client.ListKeysAsync(cancellationToken).ConfigureAwait(false);
        var output = context.Console.Out;
        foreach (var name in names)
        {
            if (!longFormat)
            {
                await output.WriteLineAsync(name).ConfigureAwait(false);
                continue;
            }

            var facts = await client.ReadKeyAsync(name, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(facts is null
                ? $"{name}\t(gone)"
                : $"{name}\t{facts.KeyType}{Size(facts)}\t{facts.Fingerprint}\t{(facts.UserIds is [var first, ..] ? first : "")}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    public async Task<int> ShowAsync(string key, string? mount, bool json, CancellationToken cancellationToken)
    {
        var client = context.ConnectMount(mount);
        var name = await new KeyResolver(client).NameOfAsync(key, cancellationToken).ConfigureAwait(false);
        var facts = await client.ReadKeyAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new UsageException($"key not found: \"{name}\"");
        var output = context.Console.Out;
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(facts, CliJsonContext.Default.KeyFacts)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await output.WriteLineAsync($"name:          {facts.Name ?? name}").ConfigureAwait(false);
        await output.WriteLineAsync($"type:          {facts.KeyType}{Size(facts)}").ConfigureAwait(false);
        await output.WriteLineAsync($"fingerprint:   {facts.Fingerprint}").ConfigureAwait(false);
        await output.WriteLineAsync($"key id:        {facts.KeyId}").ConfigureAwait(false);
        await output.WriteLineAsync($"signing key:   {facts.SigningKeyId} ({facts.SigningKeyFingerprint})").ConfigureAwait(false);
        await output.WriteLineAsync($"created:       {facts.CreatedAt}").ConfigureAwait(false);
        await output.WriteLineAsync($"expires:       {facts.ExpiresAt ?? "never"}").ConfigureAwait(false);
        foreach (var userId in facts.UserIds ?? [])
        {
            await output.WriteLineAsync($"user id:       {userId}").ConfigureAwait(false);
        }

        foreach (var subkey in facts.Subkeys ?? [])
        {
            var state = subkey.Revoked ? "revoked" : subkey.Expired ? "expired" : subkey.Valid ? "valid" : "invalid";
            await output.WriteLineAsync($"subkey:        {subkey.KeyId} {subkey.Algorithm} [{string.Join(',', subkey.Capabilities ?? [])}] {state}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"exportable:    {facts.Exportable.ToString().ToLowerInvariant()}").ConfigureAwait(false);
        await output.WriteLineAsync($"imported:      {facts.Imported.ToString().ToLowerInvariant()}").ConfigureAwait(false);
        await output.WriteAsync(facts.PublicKey ?? "").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Size(KeyFacts facts) =>
        facts.KeyBits is { } bits ? $"-{bits}" : facts.Curve is { } curve ? $" ({curve})" : "";
}
