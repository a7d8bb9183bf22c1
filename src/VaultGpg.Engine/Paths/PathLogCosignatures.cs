using Microsoft.Extensions.Logging;
using VaultGpg.Engine.Log;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// <c>log/cosignatures</c> (write, with a token): an operator's job brings back witness cosignatures; and
/// <c>log/cosigned-checkpoint</c> (public): the newest checkpoint that has them.
/// </summary>
internal sealed class PathLogCosignatures(TransparencyLog transparency, ILogger<PathLogCosignatures> log)
{
    private static readonly FieldSchema<string> SignedCheckpoint = Field.String(
        "checkpoint",
        "A checkpoint this log signed, with the cosignature lines witnesses added (C2SP tlog-cosignature/v1, as a " +
        "witness's add-checkpoint answers them). Lines of configured witnesses that verify are kept; others are dropped.",
        required: true);

    public static PathDefinition[] Define(PathLogCosignatures h) =>
    [
        new("log/cosignatures")
        {
            Fields = [SignedCheckpoint],
            Operations = { [Operation.Update] = new(h.WriteAsync) { Summary = "Add witness cosignatures to a checkpoint." } },
            HelpSynopsis = Synopsis,
            HelpDescription = Description,
        },
        new("log/cosigned-checkpoint")
        {
            Operations = { [Operation.Read] = new(h.ReadAsync) { Summary = "The newest cosigned checkpoint (public)." } },
            HelpSynopsis = CosignedSynopsis,
            HelpDescription = CosignedDescription,
        },
    ];

    private async Task<Response?> WriteAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        SignedNote note;
        try
        {
            note = SignedNote.Parse(data.Get(SignedCheckpoint));
            Checkpoint.Parse(note.Text);
        }
        catch (FormatException e)
        {
            return Response.InvalidRequest($"checkpoint: {e.Message}");
        }

        var (kept, problem) = await Cosignatures.AddAsync(request.Storage, transparency, note, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return Response.InvalidRequest($"checkpoint: {problem}");
        }

        var size = Checkpoint.Parse(kept!.Text).Size;
        EngineLog.LogCosigned(log, size, kept.Signatures.Count - 1, request.Id);
        return Response.WithData(new System.Text.Json.Nodes.JsonObject { ["checkpoint"] = kept.ToString() });
    }

    private async Task<Response?> ReadAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var cosigned = await Cosignatures.ReadAsync(request.Storage, cancellationToken).ConfigureAwait(false);
        return cosigned is null ? null : RawResponse.Ok(RawResponse.Text, cosigned.ToBytes());
    }

    private const string Synopsis = "Add witness cosignatures to a checkpoint of the transparency log.";

    private const string Description = """
        Takes a checkpoint this log signed with cosignature lines added by witnesses (C2SP tlog-witness add-checkpoint
        answers them) and keeps the lines of the witnesses configured in log/config that verify on it, provided its
        root is this log's root at that size. The latest checkpoint is served with them while it is the latest; the
        newest cosigned checkpoint stays readable at log/cosigned-checkpoint. Answers the checkpoint as kept.
        """;

    private const string CosignedSynopsis = "The newest cosigned checkpoint.";

    private const string CosignedDescription = """
        The newest checkpoint with witness cosignatures, as text/plain, readable without a token. Prove entries against
        it with log/proof/inclusion and tree_size set to its size.
        """;
}
