using Microsoft.Win32.SafeHandles;
using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Gpg;

/// <summary>gpg's machine-readable <c>[GNUPG:] KEYWORD args</c> lines on the descriptor <c>--status-fd</c> names.</summary>
internal sealed class StatusWriter : IDisposable
{
    private const string Prefix = "[GNUPG:] ";
    private readonly TextWriter? _writer;
    private readonly bool _ownsWriter;

    private StatusWriter(TextWriter? writer, bool ownsWriter)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
    }

    public static StatusWriter Open(int? fd, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return fd switch
        {
            null => new StatusWriter(null, false),
            1 => new StatusWriter(console.Out, false),
            2 => new StatusWriter(console.Error, false),
            _ => new StatusWriter(
                new StreamWriter(new FileStream(new SafeFileHandle(fd.Value, ownsHandle: false), FileAccess.Write, 1)) { NewLine = "\n" },
                true),
        };
    }

    public void Write(string keyword, params string[] arguments)
    {
        if (_writer is null)
        {
            return;
        }

        _writer.Write(Prefix + keyword + (arguments.Length > 0 ? " " + string.Join(' ', arguments) : "") + "\n");
        _writer.Flush();
    }

    public void Dispose()
    {
        if (_ownsWriter)
        {
            _writer?.Dispose();
        }
    }
}
