using VaultGpg.Engine.Log;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Paths;

/// <summary>
/// <c>log/checkpoint</c> and <c>log/tile/...</c>: the log as C2SP tlog-tiles, byte-exact raw responses served
/// without a token, so that any tlog-tiles client reading the prefix <c>$VAULT_ADDR/v1/&lt;mount&gt;/log</c> works.
/// </summary>
internal sealed class PathLogTiles
{
    /// <summary>The special paths Vault serves without a token (the checkpoint, tiles, proofs and the verifier key).</summary>
    public static readonly IReadOnlyList<string> Unauthenticated = ["log/checkpoint", "log/cosigned-checkpoint", "log/tile/*", "log/proof/*", "log/verifier-key"];

    private static readonly FieldSchema<string> Tile = Field.String(
        "tile",
        "The tile below log/tile/: <L>/<N>[.p/<W>] for a hash tile of level L, or entries/<N>[.p/<W>] for an entry " +
        "bundle, with N in three-digit groups (x001/x234/067) and .p/W for a partial tile of W < 256 (C2SP tlog-tiles).");

    public static PathDefinition[] Define(PathLogTiles h) =>
    [
        new("log/checkpoint")
        {
            Operations = { [Operation.Read] = new(h.ReadCheckpointAsync) { Summary = "The latest signed checkpoint (public)." } },
            HelpSynopsis = CheckpointSynopsis,
            HelpDescription = CheckpointDescription,
        },
        new("log/tile/" + PathPatterns.MatchAllRegex(Tile.Name))
        {
            Fields = [Tile],
            Operations = { [Operation.Read] = new(h.ReadTileAsync) { Summary = "A tile or entry bundle (public)." } },
            HelpSynopsis = TileSynopsis,
            HelpDescription = TileDescription,
        },
    ];

    private async Task<Response?> ReadCheckpointAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var served = await Cosignatures.ServedCheckpointAsync(request.Storage, cancellationToken).ConfigureAwait(false);
        return served is null ? null : RawResponse.Ok(RawResponse.Text, served);
    }

    private async Task<Response?> ReadTileAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var path = data.Get(Tile);
        if (TileId.Parse("tile/" + path) is not { } tile)
        {
            return Response.InvalidRequest($"tile: invalid tile path \"{path}\"; must be <L>/<N>[.p/<W>] or entries/<N>[.p/<W>]");
        }

        // Only what a stored checkpoint covers exists: a longer tile may hold a failed append's leftovers.
        var checkpoint = await TransparencyLog.ReadCheckpointAsync(request.Storage, cancellationToken).ConfigureAwait(false);
        if (checkpoint is null || tile.Width > TileLayout.WidthAt(tile.Level, tile.Index, Checkpoint.Parse(checkpoint.Text).Size))
        {
            return null;
        }

        var bytes = await LogStorage.ReadTileAsync(request.Storage, tile, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"transparency log storage is missing {tile.Path}, which the checkpoint covers");
        return RawResponse.Ok(RawResponse.Binary, bytes, tile.IsFull ? RawResponse.Immutable : null);
    }

    private const string CheckpointSynopsis = "The transparency log's latest checkpoint.";

    private const string CheckpointDescription = """
        The latest C2SP checkpoint (origin, tree size, root hash) in a signed note, as text/plain, readable without a
        token, with the witness cosignatures kept for it (log/cosignatures). Open it with the log's verifier key
        (log/verifier-key, log/config).
        """;

    private const string TileSynopsis = "A tile or entry bundle of the transparency log.";

    private const string TileDescription = """
        C2SP tlog-tiles resources, readable without a token: log/tile/<L>/<N>[.p/<W>] is 256 (or W) consecutive SHA-256
        hashes of tree level 8·L; log/tile/entries/<N>[.p/<W>] the entries themselves, each as a big-endian uint16
        length and its bytes. Tiles beyond the latest checkpoint answer 404.
        """;
}
