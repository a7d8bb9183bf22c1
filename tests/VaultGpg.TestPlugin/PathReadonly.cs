using System.Text;
using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.TestPlugin;

/// <summary>
/// <c>readonly</c>: writes one storage entry. When the storage refuses (a read-only node), the storage's own error text
/// is returned as the error, unchanged, so Vault can recognise "cannot write to readonly storage" and forward.
/// </summary>
internal static class PathReadonly
{
    private const string ProbeKey = "readonly/probe";

    public static PathDefinition Define() => new("readonly")
    {
        Operations = { [Operation.Update] = new(WriteAsync) { Summary = "Write a probe entry." } },
        HelpSynopsis = "Write to storage and report the storage's error text.",
        HelpDescription = "Writes readonly/probe. A storage failure comes back with the storage's own message.",
    };

    private static async Task<Response?> WriteAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        try
        {
            await request.Storage.PutAsync(new StorageEntry(ProbeKey, Encoding.UTF8.GetBytes("{}")), cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e)
        {
            return new Response { Error = new LogicalError(ErrorType.Unknown, e.Message) };
        }

        return Response.WithData(new JsonObject { ["written"] = ProbeKey });
    }
}
