using System.Text.Json.Nodes;
using VaultGpg.Engine.Log;
using VaultGpg.PluginSdk.Framework;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Paths;

/// <summary><c>log/proof/inclusion</c> and <c>log/proof/consistency</c>: RFC 6962 proofs as JSON, readable without a token.</summary>
internal sealed class PathLogProofs
{
    private static readonly FieldSchema<int> Index = Field.Int(
        "index", "The leaf index to prove. Give index or leaf_hash.");

    private static readonly FieldSchema<string> LeafHash = Field.String(
        "leaf_hash",
        "The leaf hash to prove, base64 (SHA-256 of 0x00 followed by the entry). Give index or leaf_hash; a hash is " +
        "searched among the newest 65536 entries only (the tlog-proof of a signature has its index).");

    private static readonly FieldSchema<int> TreeSize = Field.Int(
        "tree_size", "The tree size to prove against. Default: the latest checkpoint's size.");

    private static readonly FieldSchema<int> OldSize = Field.Int(
        "old_size", "The older tree size, at least 1.", required: true);

    private static readonly FieldSchema<int> NewSize = Field.Int(
        "new_size", "The newer tree size. Default: the latest checkpoint's size.");

    public static PathDefinition[] Define(PathLogProofs h) =>
    [
        new("log/proof/inclusion")
        {
            Fields = [Index, LeafHash, TreeSize],
            Choices = [FieldChoice.OneOf([Index], [LeafHash])],
            Operations = { [Operation.Read] = new(h.InclusionAsync) { Summary = "An inclusion proof (public)." } },
            HelpSynopsis = InclusionSynopsis,
            HelpDescription = InclusionDescription,
        },
        new("log/proof/consistency")
        {
            Fields = [OldSize, NewSize],
            Operations = { [Operation.Read] = new(h.ConsistencyAsync) { Summary = "A consistency proof (public)." } },
            HelpSynopsis = ConsistencySynopsis,
            HelpDescription = ConsistencyDescription,
        },
    ];

    private async Task<Response?> InclusionAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(request.Storage, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return null;
        }

        var size = data.TryGet(TreeSize, out var treeSize) ? treeSize : latest.Value.Body.Size;
        if (size < 1 || size > latest.Value.Body.Size)
        {
            return Response.InvalidRequest($"tree_size: {size} is not between 1 and the log's size {latest.Value.Body.Size}");
        }

        var reader = TransparencyLog.TileReader(request.Storage, size);
        long index;
        if (data.TryGet(Index, out var given))
        {
            index = given;
        }
        else
        {
            var hash = RequestValues.Base64(LeafHash.Name, data.Get(LeafHash));
            if (hash.Failed)
            {
                return hash.Problem.ToResponse();
            }

            index = await TransparencyLog.FindLeafAsync(reader, hash.Value, cancellationToken).ConfigureAwait(false);
            if (index < 0)
            {
                return Response.InvalidRequest($"leaf_hash: no leaf with that hash among the newest {TransparencyLog.MaxLeafSearchTiles * TileLayout.Width} of the first {size} entries; ask by index");
            }
        }

        if (index < 0 || index >= size)
        {
            return Response.InvalidRequest($"index: {index} is not below tree_size {size}");
        }

        var leaf = await reader.ReadNodesAsync([new NodeId(0, index)], cancellationToken).ConfigureAwait(false);
        var proof = await MerkleProof.ProveInclusionAsync(index, size, reader, cancellationToken).ConfigureAwait(false);
        return Answer(latest.Value, size, new JsonObject
        {
            ["index"] = index,
            ["tree_size"] = size,
            ["leaf_hash"] = Convert.ToBase64String(leaf[0]),
            ["proof"] = Hashes(proof),
        });
    }

    private async Task<Response?> ConsistencyAsync(Request request, FieldData data, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(request.Storage, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return null;
        }

        var oldSize = data.Get(OldSize);
        var newSize = data.TryGet(NewSize, out var sent) ? sent : latest.Value.Body.Size;
        if (newSize > latest.Value.Body.Size)
        {
            return Response.InvalidRequest($"new_size: {newSize} is beyond the log's size {latest.Value.Body.Size}");
        }

        if (oldSize < 1 || oldSize > newSize)
        {
            return Response.InvalidRequest($"old_size: {oldSize} is not between 1 and new_size {newSize}");
        }

        var reader = TransparencyLog.TileReader(request.Storage, newSize);
        var proof = await MerkleProof.ProveConsistencyAsync(oldSize, newSize, reader, cancellationToken).ConfigureAwait(false);
        return Answer(latest.Value, newSize, new JsonObject
        {
            ["old_size"] = oldSize,
            ["new_size"] = newSize,
            ["proof"] = Hashes(proof),
        });
    }

    private static async Task<(SignedNote Note, Checkpoint Body)?> LatestAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var note = await TransparencyLog.ReadCheckpointAsync(storage, cancellationToken).ConfigureAwait(false);
        return note is null ? null : (note, Checkpoint.Parse(note.Text));
    }

    /// <summary>The proof, with the signed checkpoint when it is against the latest size.</summary>
    private static Response Answer((SignedNote Note, Checkpoint Body) latest, long size, JsonObject answer)
    {
        if (size == latest.Body.Size)
        {
            answer["checkpoint"] = latest.Note.ToString();
        }

        return Response.WithData(answer);
    }

    private static JsonArray Hashes(IReadOnlyList<byte[]> proof) => new([.. proof.Select(h => JsonValue.Create(Convert.ToBase64String(h)))]);

    private const string InclusionSynopsis = "An inclusion proof from the transparency log.";

    private const string InclusionDescription = """
        Returns the RFC 6962 inclusion proof (proof, base64 hashes from the leaf's sibling up) of one leaf, given by
        index or by leaf_hash, in the tree of tree_size (default: the latest), with the leaf's hash; checkpoint is the
        signed checkpoint when tree_size is the latest. Readable without a token.
        """;

    private const string ConsistencySynopsis = "A consistency proof from the transparency log.";

    private const string ConsistencyDescription = """
        Returns the RFC 6962 consistency proof (proof, base64 hashes) that the tree of old_size is a prefix of the tree
        of new_size (default: the latest); checkpoint is the signed checkpoint when new_size is the latest. Readable
        without a token.
        """;
}
