using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Keys;
using VaultGpg.Engine.Log;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Paths;

/// <summary><c>keys/:name/config</c>: change a key's settings (exportable, deletion_allowed).</summary>
internal sealed class PathKeysConfig(KeyStore keys, KeyEvents keyEvents, ILogger<PathKeysConfig> log)
{
    private static readonly FieldSchema<string> Name = KeyFields.Name;
    private static readonly FieldSchema<bool> Exportable = KeyFields.Exportable;
    private static readonly FieldSchema<bool> DeletionAllowed = KeyFields.DeletionAllowed;

    public static PathDefinition[] Define(PathKeysConfig h) =>
    [
        new("keys/" + PathPatterns.Name(Name) + "/config")
        {
            Fields = [Name, Exportable, DeletionAllowed],
            Operations = { [Operation.Update] = new(h.UpdateAsync) { Summary = "Change a key's settings." } },
            HelpSynopsis = Synopsis,
            HelpDescription = Description,
        },
    ];

    private async Task<Response?> UpdateAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var name = data.Get(Name);
        using (await keys.LockAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var found = await keys.RequireAsync(request, name, cancellationToken).ConfigureAwait(false);
            if (found.Failed)
            {
                return found.Problem.ToResponse();
            }

            var stored = found.Value;

            var entry = stored.Entry;
            if (data.TryGet(Exportable, out var exportable))
            {
                if (entry.Exportable && !exportable)
                {
                    return Response.InvalidRequest("exportable cannot be set back to false once a key is exportable");
                }

                entry = entry with { Exportable = exportable };
            }

            if (data.TryGet(DeletionAllowed, out var deletionAllowed))
            {
                entry = entry with { DeletionAllowed = deletionAllowed };
            }

            if (entry != stored.Entry)
            {
                var settings = $"exportable={(entry.Exportable ? "true" : "false")} deletion_allowed={(entry.DeletionAllowed ? "true" : "false")}";
                await keyEvents.RecordAsync(request.Storage, KeyEventEntry.Config, name, stored.Key, null, settings, cancellationToken).ConfigureAwait(false);
                await keys.PutAsync(request.Storage, entry, stored.Key, cancellationToken).ConfigureAwait(false);
                EngineLog.KeyConfigured(log, name, entry.Exportable, entry.DeletionAllowed, request.Id);
            }

            return Response.WithData(new JsonObject
            {
                ["name"] = name,
                ["exportable"] = entry.Exportable,
                ["deletion_allowed"] = entry.DeletionAllowed,
            });
        }
    }

    private const string Synopsis = "Configure a named key.";

    private const string Description = """
        Changes the settings of an existing key. Only the fields sent are changed. exportable is one-way: once a key is
        exportable it stays exportable, because its secret may already have left Vault.
        """;
}
