using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Keys;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary><c>export/:name</c> (the secret key, exportable keys only) and <c>export-public/:name</c>.</summary>
internal sealed class PathExport(KeyStore keys, ILogger<PathExport> log, TimeProvider? timeProvider = null)
{
    private static readonly FieldSchema<string> Name = KeyFields.Name;

    private static readonly FieldSchema<bool> Minimal = Field.Bool(
        "minimal",
        "Export only the newest self-signature per user ID and subkey binding, without third-party certifications or " +
        "expired subkeys, as gpg --export-options export-minimal. Default: false.",
        @default: false);

    private static readonly FieldSchema<string> WkdDomain = Field.String(
        "wkd_domain",
        "Export the Web Key Directory entry for this mail domain: the minimal key with only the user IDs whose address " +
        "is at the domain, binary in wkd_key (base64), and each address's WKD file paths in wkd. Default: \"\" (none).");

    private const string PassphraseHelp =
        "Protect the exported secret key with this passphrase (S2K iterated and salted SHA-256, AES-256). " +
        "Default: \"\", the key is exported unprotected.";

    private static readonly FieldSchema<string> Passphrase = Field.String("passphrase", PassphraseHelp) with { Sensitive = true };

    public static PathDefinition[] Define(PathExport h) =>
    [
        new("export/" + PathPatterns.Name(Name))
        {
            Fields = [Name, Passphrase],
            Operations =
            {
                [Operation.Read] = new(h.ExportSecretAsync) { Summary = "Export the armored secret key." },
                [Operation.Update] = new(h.ExportSecretAsync) { Summary = "Export the armored secret key, passphrase in the body." },
            },
            HelpSynopsis = SecretSynopsis,
            HelpDescription = SecretDescription,
        },
        new("export-public/" + PathPatterns.Name(Name))
        {
            Fields = [Name, Minimal, WkdDomain],
            Operations = { [Operation.Read] = new(h.ExportPublicAsync) { Summary = "Export the armored public key." } },
            HelpSynopsis = PublicSynopsis,
            HelpDescription = PublicDescription,
        },
    ];

    private async Task<Response?> ExportSecretAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        if (request.Operation == Operation.Read && data.TryGet(Passphrase, out _))
        {
            // A query string ends up in proxy and shell histories; a passphrase belongs in a request body.
            return Response.InvalidRequest("passphrase must be sent in a POST body, not in the URL");
        }

        var stored = await keys.GetAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        if (stored.Key.IsVerifyOnly)
        {
            return Response.InvalidRequest($"key \"{name}\" is verify-only: it has no secret key to export; export-public/{name} returns its public key");
        }

        if (!stored.Entry.Exportable)
        {
            return Response.InvalidRequest($"key \"{name}\" is not exportable; set exportable=true on keys/{name}/config to allow it");
        }

        var passphrase = data.Get(Passphrase);
        var armored = stored.Key.ExportSecretKeyArmored(passphrase.Length == 0 ? null : passphrase);
        EngineLog.KeyExported(log, name, stored.Key.Info.Fingerprint, request.Id);
        return Response.WithData(new JsonObject { ["name"] = name, ["key"] = armored });
    }

    private async Task<Response?> ExportPublicAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var domain = data.Get(WkdDomain).Trim().ToLowerInvariant();
        if (domain.Length > 0 && !WkdEntry.IsDomain(domain))
        {
            return Response.InvalidRequest($"{WkdDomain.Name}: \"{data.Get(WkdDomain)}\" is not a domain name");
        }

        var stored = await keys.GetAsync(request.Storage, data.Get(Name), cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var answer = new JsonObject
        {
            ["name"] = stored.Entry.Name,
            ["fingerprint"] = WireHex.Lower(stored.Key.Info.Fingerprint),
            ["public_key"] = stored.Key.ExportPublicKeyArmored(),
        };
        if (domain.Length > 0)
        {
            var entry = WkdEntry.Of(stored.Key, domain, (timeProvider ?? TimeProvider.System).GetUtcNow());
            if (entry.Failed)
            {
                return new Problem(WkdDomain.Name, entry.Problem.Detail).ToResponse();
            }

            answer["public_key"] = entry.Value.Armored;
            answer["wkd_key"] = Convert.ToBase64String(entry.Value.Binary);
            answer["wkd"] = entry.Value.Files;
        }
        else if (data.Get(Minimal))
        {
            answer["public_key"] = KeyArmorText(MinimalKeyExport.Export(stored.Key, (timeProvider ?? TimeProvider.System).GetUtcNow()));
        }

        return Response.WithData(answer);
    }

    private static string KeyArmorText(byte[] binary) => VaultGpg.OpenPgp.Signing.Armor.Encode(binary, VaultGpg.OpenPgp.Signing.ArmorKind.PublicKey);

    private const string SecretSynopsis = "Export a named key's secret key.";

    private const string SecretDescription = """
        Returns the transferable secret key, ASCII-armored, optionally protected by passphrase. Only keys with
        exportable=true can be exported; every export is logged at warning level.
        """;

    private const string PublicSynopsis = "Export a named key's public key.";

    private const string PublicDescription = """
        Returns the transferable public key, ASCII-armored and clean of secret material, as gpg --import and
        rpmkeys --import take it. With minimal=true only the newest self-signatures are exported (gpg's
        export-minimal); with wkd_domain the answer also holds the Web Key Directory entry for that domain (the
        binary minimal key with only that domain's user IDs, and the hashed file paths of the advanced and direct
        methods), which vaultgpg wkd writes to disk.
        """;
}
