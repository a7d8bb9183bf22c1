using Microsoft.Win32.SafeHandles;

namespace VaultGpg.Rpm;

/// <summary>
/// Puts a new signature header into a package file. The file is opened for writing with an exclusive lock and its
/// lead and headers are compared with what was read (and signed): if anything changed, nothing is written. A header
/// of the same length is written in place with one positioned write of a few KiB (one write(2), which a killed process
/// does not leave half done; the rest of the file is untouched), as rpmsign does; otherwise a new file (lead,
/// new signature header, padding, then the original's bytes from the main header on) is written next to it, flushed,
/// given the original's mode and renamed over it, so a reader never sees a half-written package.
/// </summary>
public static class RpmPackageWriter
{
    private const int CopyBufferSize = 1 << 20;

    public static async Task<RpmWriteMode> WriteSignatureHeaderAsync(string path, RpmPackage package, ReadOnlyMemory<byte> signatureHeader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(package);
        var padding = RpmPackage.Padding(signatureHeader.Length);
        var region = new byte[signatureHeader.Length + padding];
        signatureHeader.CopyTo(region);

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, FileOptions.Asynchronous);
        await CheckUnchangedAsync(handle, package, cancellationToken).ConfigureAwait(false);
        if (region.Length == package.MainHeaderOffset - RpmPackage.LeadLength)
        {
            await RandomAccess.WriteAsync(handle, region, RpmPackage.LeadLength, cancellationToken).ConfigureAwait(false);
            return RpmWriteMode.InPlace;
        }

        await RewriteAsync(path, handle, package, region, cancellationToken).ConfigureAwait(false);
        return RpmWriteMode.Rewritten;
    }

    private static async Task CheckUnchangedAsync(SafeFileHandle handle, RpmPackage package, CancellationToken cancellationToken)
    {
        var current = new byte[package.Prefix.Length];
        var read = 0;
        while (read < current.Length)
        {
            var n = await RandomAccess.ReadAsync(handle, current.AsMemory(read), read, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read != current.Length || RandomAccess.GetLength(handle) != package.FileLength || !current.AsSpan().SequenceEqual(package.Prefix.Span))
        {
            throw new RpmPackageException(RpmErrorKind.ChangedWhileSigning, "the package changed while it was being signed; nothing written");
        }
    }

    private static async Task RewriteAsync(string path, SafeFileHandle original, RpmPackage package, byte[] region, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var output = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous))
            {
                long position = 0;
                await RandomAccess.WriteAsync(output, package.Prefix[..RpmPackage.LeadLength], position, cancellationToken).ConfigureAwait(false);
                position += RpmPackage.LeadLength;
                await RandomAccess.WriteAsync(output, region, position, cancellationToken).ConfigureAwait(false);
                position += region.Length;
                var buffer = new byte[CopyBufferSize];
                for (long from = package.MainHeaderOffset; from < package.FileLength;)
                {
                    var n = await RandomAccess.ReadAsync(original, buffer, from, cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        throw new RpmPackageException(RpmErrorKind.ChangedWhileSigning, "the package changed while it was being signed; nothing written");
                    }

                    await RandomAccess.WriteAsync(output, buffer.AsMemory(0, n), position, cancellationToken).ConfigureAwait(false);
                    from += n;
                    position += n;
                }

                RandomAccess.FlushToDisk(output);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(original));
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
