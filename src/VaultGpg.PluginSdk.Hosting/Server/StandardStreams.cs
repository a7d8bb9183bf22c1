using System.Text;

namespace VaultGpg.PluginSdk.Hosting.Server;

/// <summary>
/// The only code that touches the process's standard streams. go-plugin reads the first stdout line as the handshake,
/// so stdout carries that line and nothing else, ever; logs go to stderr.
/// </summary>
internal static class StandardStreams
{
#pragma warning disable RS0030 // Console is banned everywhere else; this is the one sanctioned writer.
    public static Stream OpenStderr() => Console.OpenStandardError();

    /// <summary>Writes the handshake line in one write and flushes it, as Go's Printf + Sync does.</summary>
    public static void WriteHandshake(string line)
    {
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(Encoding.UTF8.GetBytes(line));
        stdout.Flush();
    }

    /// <summary>A plain-text message for a human who ran the binary by hand (no logger exists yet).</summary>
    public static void WriteStderrText(string text)
    {
        using var stderr = Console.OpenStandardError();
        stderr.Write(Encoding.UTF8.GetBytes(text));
        stderr.Flush();
    }
#pragma warning restore RS0030
}
