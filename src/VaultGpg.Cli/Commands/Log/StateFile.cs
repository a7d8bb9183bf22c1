using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Commands.Log;

/// <summary>
/// A JSON state file kept between runs: a missing file is the empty state; a new state replaces the file atomically
/// (written to a temporary file beside it, flushed, then renamed over it), so a crash leaves the old state or the new
/// one, never half of either.
/// </summary>
internal static class StateFile
{
    public static async Task<T?> LoadAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] json;
        try
        {
            json = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new UsageException($"state file {path} is empty JSON (null)");
        }
        catch (JsonException e)
        {
            throw new UsageException($"state file {path} is not a state this command wrote: {e.Message}");
        }
    }

    public static async Task SaveAsync<T>(string path, T state, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(file, state, type, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
