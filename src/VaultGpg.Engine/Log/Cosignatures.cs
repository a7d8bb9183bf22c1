using System.Text;
using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Log;

/// <summary>
/// Witness cosignatures (C2SP tlog-cosignature) an operator's job brings back from witnesses: kept with their
/// checkpoint under <c>log/cosigned</c> and served with <c>log/checkpoint</c> while it is the latest. Only lines of
/// the configured witnesses that verify are kept, on a checkpoint this log signed for its own tree.
/// </summary>
internal static class Cosignatures
{
    /// <summary>Keeps the verified witness lines of <paramref name="cosigned"/>; a problem text when it is refused.</summary>
    public static async Task<(SignedNote? Kept, string? Problem)> AddAsync(
        IStorage storage, TransparencyLog log, SignedNote cosigned, CancellationToken cancellationToken)
    {
        var config = await log.GetConfigAsync(storage, cancellationToken).ConfigureAwait(false);
        var logKey = await log.GetVerifierKeyAsync(storage, cancellationToken).ConfigureAwait(false);
        if (config is null || logKey is null)
        {
            return (null, "the transparency log is not configured");
        }

        if (cosigned.VerifiedBy([Ed25519NoteVerifier.Parse(logKey)]).Count != 1)
        {
            return (null, "not a checkpoint signed by this log's key");
        }

        var witnesses = config.Witnesses.Select(Ed25519NoteVerifier.Parse).ToList();
        var verified = cosigned.VerifiedBy(witnesses);
        if (verified.Count == 0)
        {
            return (null, "no cosignature of a configured witness (log/config witnesses) verifies on this checkpoint");
        }

        var body = Checkpoint.Parse(cosigned.Text);
        var latest = await TransparencyLog.ReadCheckpointAsync(storage, cancellationToken).ConfigureAwait(false);
        var latestSize = latest is null ? 0 : Checkpoint.Parse(latest.Text).Size;
        if (body.Size > latestSize || body.Size == 0)
        {
            return (null, $"checkpoint size {body.Size} is not between 1 and the log's size {latestSize}");
        }

        var root = await MerkleProof.RootAsync(body.Size, TransparencyLog.TileReader(storage, body.Size), cancellationToken).ConfigureAwait(false);
        if (!root.AsSpan().SequenceEqual(body.RootHash))
        {
            return (null, $"the checkpoint's root is not this log's root at size {body.Size}");
        }

        var stored = await ReadAsync(storage, cancellationToken).ConfigureAwait(false);
        if (stored is not null && Checkpoint.Parse(stored.Text).Size > body.Size)
        {
            return (null, $"cosignatures are kept for size {Checkpoint.Parse(stored.Text).Size}; this checkpoint is older");
        }

        // Keep the log's own line and the verified witness lines, added to those kept for the same checkpoint.
        var logVerifier = Ed25519NoteVerifier.Parse(logKey);
        var keptLines = cosigned.Signatures.Where(s => verified.Any(v => v.Name == s.Name && v.KeyId == s.KeyId)).ToList();
        var kept = stored is not null && stored.Text == cosigned.Text
            ? stored
            : cosigned with { Signatures = [.. cosigned.Signatures.Where(s => s.Name == logVerifier.Name && s.KeyId == logVerifier.KeyId)] };
        kept = keptLines.Aggregate(kept, (note, line) => note.WithSignature(line));
        await storage.PutAsync(new StorageEntry(LogStorage.CosignedKey, kept.ToBytes()), cancellationToken).ConfigureAwait(false);
        return (kept, null);
    }

    /// <summary>The newest cosigned checkpoint, or null.</summary>
    public static async Task<SignedNote?> ReadAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var entry = await storage.GetAsync(LogStorage.CosignedKey, cancellationToken).ConfigureAwait(false);
        return entry is null ? null : SignedNote.Parse(entry.Value.Span);
    }

    /// <summary>The latest checkpoint as served: with its kept cosignatures when they are for it.</summary>
    public static async Task<byte[]?> ServedCheckpointAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var latest = await storage.GetAsync(LogStorage.CheckpointKey, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return null;
        }

        var cosigned = await ReadAsync(storage, cancellationToken).ConfigureAwait(false);
        return cosigned is not null && cosigned.Text == SignedNote.Parse(latest.Value.Span).Text
            ? Encoding.UTF8.GetBytes(cosigned.ToString())
            : latest.Value.ToArray();
    }
}
