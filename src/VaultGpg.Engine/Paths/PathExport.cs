using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Keys;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary><c>export/:name</c> (the secret key, exportable keys only) and <c>export-public/:name</c>.</summary>
internal sealed class PathExport(KeyStore keys, ILogger<PathExport> log)
{
    private static readonly FieldSchema<string> Name = KeyFields.Name;

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
            Fields = [Name],
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
        var stored = await keys.GetAsync(request.Storage, data.Get(Name), cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Response.WithData(new JsonObject
        {
            ["name"] = stored.Entry.Name,
            ["fingerprint"] = WireHex.Lower(stored.Key.Info.Fingerprint),
            ["public_key"] = stored.Key.ExportPublicKeyArmored(),
        });
    }

    private const string SecretSynopsis = "Export a named key's secret key.";

    private const string SecretDescription = """
        Returns the transferable secret key, ASCII-armored, optionally protected by passphrase. Only keys with
        exportable=true can be exported; every export is logged at warning level.
        """;

    private const string PublicSynopsis = "Export a named key's public key.";

    private const string PublicDescription = """
        Returns the transferable public key, ASCII-armored and clean of secret material, as gpg --import and
        rpmkeys --import take it.
        """;
}
