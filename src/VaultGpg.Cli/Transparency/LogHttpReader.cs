using System.Globalization;
using System.Text;
using VaultGpg.Cli.Vault;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Transparency;

/// <summary>
/// Reads a mount's public transparency log over Vault's HTTP API (<c>/v1/&lt;mount&gt;/log/…</c>, no token needed):
/// the checkpoint and the cosigned checkpoint, the verifier key, tiles and entry bundles (C2SP tlog-tiles, a partial
/// tile that is gone read from its full tile), and the JSON inclusion and consistency proofs. Nothing it reads is
/// trusted: open checkpoints with the pinned log key and compare roots. The monitor can use it for everything it
/// reads from the log; <see cref="NodeReader"/> gives tile-backed hashes to <see cref="MerkleProof"/>.
/// </summary>
internal sealed class LogHttpReader(VaultClient vault, string mount)
{
    private readonly TileCache _tiles = new();

    public string Prefix { get; } = mount.TrimEnd('/') + "/log";

    /// <summary>The latest checkpoint, with the cosignatures kept for it; null before the log was configured.</summary>
    public Task<SignedNote?> ReadCheckpointAsync(CancellationToken cancellationToken) => ReadNoteAsync("checkpoint", cancellationToken);

    /// <summary>The newest checkpoint that witnesses cosigned; null when there is none.</summary>
    public Task<SignedNote?> ReadCosignedCheckpointAsync(CancellationToken cancellationToken) => ReadNoteAsync("cosigned-checkpoint", cancellationToken);

    /// <summary>The log's verifier key as the mount publishes it (pin it from a trusted channel instead where you can).</summary>
    public async Task<string?> ReadVerifierKeyAsync(CancellationToken cancellationToken) =>
        await vault.ReadRawAsync($"{Prefix}/verifier-key", cancellationToken).ConfigureAwait(false) is { } key
            ? Encoding.UTF8.GetString(key).TrimEnd('\n')
            : null;

    /// <summary>
    /// A tile or entry bundle at the width <paramref name="tile"/> names, or null when the log does not have it. A
    /// partial tile the log no longer serves is cut from its full tile, as C2SP tlog-tiles lets clients do.
    /// </summary>
    public async Task<byte[]?> ReadTileAsync(TileId tile, CancellationToken cancellationToken)
    {
        if (_tiles.Get(tile) is { } cached)
        {
            return cached;
        }

        var data = await vault.ReadRawAsync($"{Prefix}/{tile.Path}", cancellationToken).ConfigureAwait(false);
        if (data is null && !tile.IsFull)
        {
            var full = await ReadTileAsync(tile with { Width = TileLayout.Width }, cancellationToken).ConfigureAwait(false);
            data = full is null ? null : Cut(full, tile);
        }

        if (data is not null)
        {
            _tiles.Add(tile, data);
        }

        return data;
    }

    /// <summary>The entries of bundle <paramref name="index"/> as wide as <paramref name="width"/>; an <see cref="InvalidDataException"/> when it is missing or holds another count.</summary>
    public async Task<IReadOnlyList<byte[]>> ReadEntriesAsync(long index, int width, CancellationToken cancellationToken)
    {
        var tile = new TileId(TileId.EntriesLevel, index, width);
        var bundle = await ReadTileAsync(tile, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"entry bundle {tile.Path} is missing");
        IReadOnlyList<byte[]> entries;
        try
        {
            entries = EntryBundle.Decode(bundle);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"entry bundle {tile.Path}: {e.Message}", e);
        }

        return entries.Count == width ? entries : throw new InvalidDataException($"entry bundle {tile.Path} holds {entries.Count} entries, want {width}");
    }

    /// <summary>Node hashes of the tree of <paramref name="size"/> leaves, read from this log's tiles (through the cache).</summary>
    public INodeHashReader NodeReader(long size) =>
        new TileNodeReader(size, async (tile, ct) =>
            await ReadTileAsync(tile, ct).ConfigureAwait(false) is { } data ? new ReadOnlyMemory<byte>(data) : (ReadOnlyMemory<byte>?)null);

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="treeSize"/> (default the latest); null before the log was configured.</summary>
    public Task<InclusionProofAnswer?> ProveInclusionAsync(long index, long? treeSize, CancellationToken cancellationToken) =>
        vault.ReadAsync(
            $"{Prefix}/proof/inclusion?index={Decimal(index)}{SizeQuery("tree_size", treeSize)}", TransparencyJsonContext.Default.VaultResponseInclusionProofAnswer, cancellationToken);

    /// <summary>The inclusion proof of the leaf with hash <paramref name="leafHash"/>, searched among the log's newest entries.</summary>
    public Task<InclusionProofAnswer?> ProveInclusionAsync(ReadOnlyMemory<byte> leafHash, long? treeSize, CancellationToken cancellationToken) =>
        vault.ReadAsync(
            $"{Prefix}/proof/inclusion?leaf_hash={Uri.EscapeDataString(Convert.ToBase64String(leafHash.Span))}{SizeQuery("tree_size", treeSize)}",
            TransparencyJsonContext.Default.VaultResponseInclusionProofAnswer,
            cancellationToken);

    /// <summary>The consistency proof from <paramref name="oldSize"/> to <paramref name="newSize"/> (default the latest).</summary>
    public Task<ConsistencyProofAnswer?> ProveConsistencyAsync(long oldSize, long? newSize, CancellationToken cancellationToken) =>
        vault.ReadAsync(
            $"{Prefix}/proof/consistency?old_size={Decimal(oldSize)}{SizeQuery("new_size", newSize)}", TransparencyJsonContext.Default.VaultResponseConsistencyProofAnswer, cancellationToken);

    private async Task<SignedNote?> ReadNoteAsync(string name, CancellationToken cancellationToken)
    {
        var note = await vault.ReadRawAsync($"{Prefix}/{name}", cancellationToken).ConfigureAwait(false);
        try
        {
            return note is null ? null : SignedNote.Parse(note);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{Prefix}/{name} is not a signed note: {e.Message}", e);
        }
    }

    /// <summary>The first hashes (or entries) of a full tile that a partial one of its width holds.</summary>
    private static byte[]? Cut(byte[] full, TileId partial)
    {
        if (!partial.IsEntryBundle)
        {
            var length = partial.Width * LogHash.Size;
            return full.Length >= length ? full[..length] : null;
        }

        var entries = EntryBundle.Decode(full);
        return entries.Count >= partial.Width ? EntryBundle.Encode(entries.Take(partial.Width).Select(e => (ReadOnlyMemory<byte>)e)) : null;
    }

    private static string SizeQuery(string name, long? size) => size is { } value ? $"&{name}={Decimal(value)}" : "";

    private static string Decimal(long value) => value.ToString(CultureInfo.InvariantCulture);
}
