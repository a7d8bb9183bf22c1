using VaultGpg.Engine.Keys;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.Engine.Paths;

/// <summary>Loading the key a request names, with the Go plugin's "key not found" wording when it is missing.</summary>
internal static class KeyLookup
{
    public static async Task<Parsed<StoredKey>> RequireAsync(
        this KeyStore keys, Request request, string name, CancellationToken cancellationToken)
    {
        var stored = await keys.GetAsync(request.Storage, name, cancellationToken).ConfigureAwait(false);
        return stored is null ? Parsed<StoredKey>.Invalid($"key not found: \"{name}\"") : stored;
    }
}
