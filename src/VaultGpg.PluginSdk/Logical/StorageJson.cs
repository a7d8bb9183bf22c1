using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace VaultGpg.PluginSdk.Logical;

/// <summary>
/// Typed JSON records in storage. Serialization goes through source-generated <see cref="JsonTypeInfo{T}"/> only,
/// so the product stays trimmable and AOT-compatible.
/// </summary>
public static class StorageJson
{
    /// <summary>Reads and decodes the record under <paramref name="key"/>; default when there is none.</summary>
    /// <exception cref="InvalidDataException">The stored value is not valid JSON for <typeparamref name="T"/>.</exception>
    public static async Task<T?> GetJsonAsync<T>(this IStorage storage, string key, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var entry = await storage.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize(entry.Value.Span, typeInfo);
        }
        catch (JsonException e)
        {
            // The key names the record; the value may be secret and is never quoted.
            throw new InvalidDataException($"failed to decode storage entry \"{key}\" as {typeof(T).Name}", e);
        }
    }

    /// <summary>
    /// Encodes <paramref name="value"/> and writes it under <paramref name="key"/> in one put. Pass
    /// <paramref name="sealWrap"/> true for values Vault Enterprise should seal-wrap (key material).
    /// </summary>
    public static Task PutJsonAsync<T>(this IStorage storage, string key, T value, JsonTypeInfo<T> typeInfo, bool sealWrap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        return storage.PutAsync(new StorageEntry(key, bytes, sealWrap), cancellationToken);
    }
}
