using Serilog.Core;
using Serilog.Events;

namespace VaultGpg.PluginSdk.Hosting.Logging;

/// <summary>
/// Writes each event as one hclog JSON line to the plugin's stderr. Each line goes out in one write so lines from
/// concurrent requests never interleave; Vault reads stderr line by line.
/// </summary>
internal sealed class StderrHclogSink(Stream stderr, HclogJsonFormatter formatter) : ILogEventSink, IDisposable
{
    private readonly Lock _lock = new();
    private readonly MemoryStream _buffer = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_lock)
        {
            _buffer.SetLength(0);
            formatter.Format(logEvent, _buffer);
            _buffer.WriteByte((byte)'\n');
            try
            {
                stderr.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
                stderr.Flush();
            }
            catch (IOException)
            {
                // Vault closed our stderr (it is shutting us down): losing a log line must not crash a request.
            }
        }
    }

    public void Dispose()
    {
        _buffer.Dispose();
    }
}
