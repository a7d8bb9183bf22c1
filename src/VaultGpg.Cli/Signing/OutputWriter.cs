using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Signing;

/// <summary>Writes a command's product to a file (atomically) or, for "-", to stdout.</summary>
internal static class OutputWriter
{
    public static async Task WriteAsync(CliConsole console, string destination, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (destination == "-")
        {
            var stdout = console.OpenStandardOutput();
            await stdout.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await OutputFile.WriteAsync(destination, content, cancellationToken).ConfigureAwait(false);
    }
}
