using VaultGpg.PluginSdk.Logical;
using VaultGpg.Transparency;

namespace VaultGpg.Engine.Log;

/// <summary>
/// Where the log lives in the mount's storage. Each tile position holds its latest data under one key
/// (<c>log/tile/&lt;L&gt;/&lt;N&gt;</c>, <c>log/tile/entries/&lt;N&gt;</c>): a partial tile grows in place, and the
/// prefix of W hashes (or entries) is the <c>.p/W</c> tile, which never changes once a checkpoint covers it.
/// </summary>
internal static class LogStorage
{
    public const string Prefix = "log/";
    public const string ConfigKey = "log/config";
    public const string KeyKey = "log/key";
    public const string CheckpointKey = "log/checkpoint";

    /// <summary>The newest checkpoint with witness cosignatures, kept beside the checkpoint (log/cosignatures).</summary>
    public const string CosignedKey = "log/cosigned";

    /// <summary>The storage key of a tile position (any width).</summary>
    public static string TileKey(TileId tile) => Prefix + (tile with { Width = TileLayout.Width }).Path;

    /// <summary>The tile at its width, cut from what is stored at its position; null when not stored or too short.</summary>
    public static async Task<byte[]?> ReadTileAsync(IStorage storage, TileId tile, CancellationToken cancellationToken)
    {
        var entry = await storage.GetAsync(TileKey(tile), cancellationToken).ConfigureAwait(false);
        return entry is null ? null : Cut(tile, entry.Value);
    }

    /// <summary>The first <c>Width</c> hashes or entries of <paramref name="stored"/>, or null when it has fewer.</summary>
    public static byte[]? Cut(TileId tile, ReadOnlyMemory<byte> stored)
    {
        if (!tile.IsEntryBundle)
        {
            var length = tile.Width * LogHash.Size;
            return stored.Length < length ? null : stored[..length].ToArray();
        }

        var entries = EntryBundle.Decode(stored.Span);
        return entries.Count < tile.Width ? null : EntryBundle.Encode(entries.Take(tile.Width).Select(e => (ReadOnlyMemory<byte>)e));
    }
}
