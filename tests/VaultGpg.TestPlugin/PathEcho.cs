using System.Text.Json.Nodes;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.TestPlugin;

/// <summary><c>echo</c>: answers the parsed values of its typed fields, to test field parsing end to end.</summary>
internal static class PathEcho
{
    private static readonly FieldSchema<string> Text = Field.String("text", "Any text. Required on writes.", required: true);
    private static readonly FieldSchema<int> Count = Field.Int("count", "An integer. Default: 1.", @default: 1);
    private static readonly FieldSchema<bool> Flag = Field.Bool("flag", "A boolean. Default: false.");
    private static readonly FieldSchema<TimeSpan> Ttl = Field.DurationSeconds("ttl", "A duration such as 90, \"30m\" or \"1h\". Default: 1h.", @default: TimeSpan.FromHours(1));
    private static readonly FieldSchema<string> Mode = Field.String("mode", "One of fast or slow. Default: fast.", @default: "fast", allowed: ["fast", "slow"]);
    private static readonly FieldSchema<IReadOnlyList<string>> Items = Field.CommaStringSlice("items", "A comma-separated list. Default: empty.");

    private static readonly FieldSchema[] Fields = [Text, Count, Flag, Ttl, Mode, Items];

    public static PathDefinition Define() => new("echo")
    {
        Fields = Fields,
        Operations =
        {
            [Operation.Update] = new(EchoAsync) { Summary = "Echo the parsed fields." },
            [Operation.Read] = new(EchoAsync) { Summary = "Echo the parsed query fields." },
        },
        HelpSynopsis = Synopsis,
        HelpDescription = Description,
    };

    private static Task<Response?> EchoAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var sent = Fields.Where(f => data.Raw.ContainsKey(f.Name)).Select(f => JsonValue.Create(f.Name));
        return Task.FromResult<Response?>(Response.WithData(new JsonObject
        {
            ["text"] = data.Get(Text),
            ["count"] = data.Get(Count),
            ["flag"] = data.Get(Flag),
            ["ttl"] = (long)data.Get(Ttl).TotalSeconds,
            ["mode"] = data.Get(Mode),
            ["items"] = new JsonArray([.. data.Get(Items).Select(i => JsonValue.Create(i))]),
            ["sent"] = new JsonArray([.. sent]),
        }));
    }

    private const string Synopsis = "Echo typed fields.";
    private const string Description = "Answers the values of its fields after the framework parsed and validated them.";
}
