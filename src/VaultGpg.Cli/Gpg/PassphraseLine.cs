using Microsoft.Win32.SafeHandles;

namespace VaultGpg.Cli.Gpg;

/// <summary>
/// gpg's <c>--passphrase-fd N</c>: the first line of descriptor N is the passphrase. gpg 2.2 reads it one byte at a
/// time up to the newline (g10/passphrase.c, read_passphrase_from_fd; without --batch or loopback it still does the
/// read, so that the passphrase does not end up in front of the message), so the rest of the descriptor is untouched:
/// with N = 0 the data to sign follows. Here the bytes are read the same way and dropped at once; the key is in
/// Vault, and the passphrase must never reach Vault, a log or an error message.
/// </summary>
internal static class PassphraseLine
{
    /// <summary>Reads up to and including the first '\n' (or to the end) from <paramref name="stream"/>, keeping nothing.</summary>
    public static async Task SkipAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var one = new byte[1];
        int read;
        do
        {
            read = await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false);
        }
        while (read == 1 && one[0] != (byte)'\n');

        one[0] = 0;
    }

    /// <summary>
    /// Skips the line on descriptor <paramref name="fd"/> (not 0: stdin is the caller's stream). A descriptor that is
    /// not open or not readable gives gpg an empty passphrase, not an error; the same here.
    /// </summary>
    public static async Task SkipOnDescriptorAsync(int fd, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            // bufferSize 0: no read-ahead, so only the passphrase line leaves the descriptor, as with gpg.
            stream = new FileStream(new SafeFileHandle(fd, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return;
        }

        await using (stream.ConfigureAwait(false))
        {
            try
            {
                await SkipAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                // As above: an unreadable descriptor is an empty passphrase.
            }
        }
    }
}
