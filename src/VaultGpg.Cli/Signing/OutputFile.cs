namespace VaultGpg.Cli.Signing;

/// <summary>
/// Writes output files so that nobody ever sees half of one: a temporary file in the same directory, renamed over
/// the target. Targets that are not regular files (a FIFO, /dev/stdout) are written in place, as gpg does.
/// </summary>
internal static class OutputFile
{
    /// <summary>True when <paramref name="path"/> exists as a regular file (what an overwrite check is about).</summary>
    public static bool IsExistingRegularFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = OpenExisting(path);
            return probe.CanSeek;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            // A pipe or a device cannot be seeked; it cannot be replaced either, so it gets the bytes directly.
            var existing = OpenExisting(path);
            await using (existing.ConfigureAwait(false))
            {
                if (!existing.CanSeek)
                {
                    await existing.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
        }

        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Opening for write without truncating changes nothing and tells a regular file from a pipe.</summary>
    private static FileStream OpenExisting(string path) =>
        new(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write or rename failed for a reason the caller reports; a stray temp file is the lesser problem.
        }
    }
}
