using System.Collections.Concurrent;
using VaultGpg.Transparency;

namespace VaultGpg.Cli.Transparency;

/// <summary>
/// The tiles a <see cref="LogHttpReader"/> has read, so that proofs and a monitor's walk over the tree ask Vault for each
/// tile once. Tiles never change at a given width, so nothing is stale; the cache only forgets everything when it is full.
/// </summary>
internal sealed class TileCache
{
    /// <summary>About 2 MiB of hash tiles (8 KiB each).</summary>
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<TileId, byte[]> _tiles = new();

    public byte[]? Get(TileId tile) => _tiles.TryGetValue(tile, out var data) ? data : null;

    public void Add(TileId tile, byte[] data)
    {
        if (_tiles.Count >= Capacity)
        {
            _tiles.Clear();
        }

        _tiles[tile] = data;
    }
}
