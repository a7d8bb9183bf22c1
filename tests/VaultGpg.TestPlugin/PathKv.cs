using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.TestPlugin;

/// <summary><c>kv/</c> (list) and <c>kv/&lt;name&gt;</c> (create/read/update/delete with an existence check).</summary>
internal static class PathKv
{
    public const string StoragePrefix = "kv/";

    private static readonly FieldSchema<string> Name = Field.NameString("name", "Name of the entry.");
    private static readonly FieldSchema<string> Value = Field.String("value", "The value to store. Required on writes.", required: true);
    private static readonly FieldSchema<IReadOnlyList<string>> Tags = Field.CommaStringSlice("tags", "Comma-separated tags. Default: none.");

    public static PathDefinition[] Define() =>
    [
        new("kv/?")
        {
            Operations = { [Operation.List] = new(ListAsync) { Summary = "List the entries." } },
            HelpSynopsis = ListSynopsis,
            HelpDescription = ListDescription,
        },
        new("kv/" + PathPatterns.Name(Name))
        {
            Fields = [Name, Value, Tags],
            ExistenceCheck = ExistsAsync,
            Operations =
            {
                [Operation.Create] = new(WriteAsync) { Summary = "Create an entry." },
                [Operation.Update] = new(WriteAsync) { Summary = "Replace an entry." },
                [Operation.Read] = new(ReadAsync) { Summary = "Read an entry." },
                [Operation.Delete] = new(DeleteAsync) { Summary = "Delete an entry." },
            },
            HelpSynopsis = EntrySynopsis,
            HelpDescription = EntryDescription,
        },
    ];

    private static async Task<Response?> ListAsync(Request request, FieldData data, CancellationToken cancellationToken) =>
        Response.List(await request.Storage.ListAsync(StoragePrefix, cancellationToken).ConfigureAwait(false));

    private static async Task<bool> ExistsAsync(Request request, FieldData data, CancellationToken cancellationToken) =>
        await request.Storage.GetAsync(StorageKey(data), cancellationToken).ConfigureAwait(false) is not null;

    private static async Task<Response?> WriteAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var key = StorageKey(data);
        var previous = await request.Storage.GetJsonAsync(key, TestPluginJsonContext.Default.KvEntry, cancellationToken).ConfigureAwait(false);
        var entry = new KvEntry(data.Get(Value), data.Get(Tags), (previous?.Version ?? 0) + 1);
        await request.Storage.PutJsonAsync(key, entry, TestPluginJsonContext.Default.KvEntry, sealWrap: true, cancellationToken).ConfigureAwait(false);

        // The operation shows whether Vault's existence check turned this write into a create.
        return Response.WithData(new JsonObject { ["operation"] = request.Operation.ToWire(), ["version"] = entry.Version });
    }

    private static async Task<Response?> ReadAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var entry = await request.Storage.GetJsonAsync(StorageKey(data), TestPluginJsonContext.Default.KvEntry, cancellationToken).ConfigureAwait(false);
        return entry is null
            ? null
            : Response.WithData(new JsonObject
            {
                ["value"] = entry.Value,
                ["tags"] = new JsonArray([.. entry.Tags.Select(t => JsonValue.Create(t))]),
                ["version"] = entry.Version,
            });
    }

    private static async Task<Response?> DeleteAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        await request.Storage.DeleteAsync(StorageKey(data), cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static string StorageKey(FieldData data) => StoragePrefix + data.Get(Name);

    private const string ListSynopsis = "List the stored entries.";
    private const string ListDescription = "Lists the names of the entries stored under kv/.";
    private const string EntrySynopsis = "Create, read, replace and delete one entry.";
    private const string EntryDescription = """
        A write stores the value and tags and bumps the entry's version; the response tells whether Vault sent it as
        create (the entry did not exist) or update. A read of a missing entry answers 404.
        """;
}
