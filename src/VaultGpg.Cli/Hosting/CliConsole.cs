namespace VaultGpg.Cli.Hosting;

/// <summary>
/// Standard streams for one run. Text goes through <see cref="Out"/> and <see cref="Error"/>; gpg mode needs the
/// raw byte streams (binary signatures on stdout, headers on stdin). Tests pass writers and memory streams.
/// </summary>
internal sealed record CliConsole(
    TextWriter Out,
    TextWriter Error,
    Func<Stream> OpenStandardInput,
    Func<Stream> OpenStandardOutput,
    bool ErrorIsTerminal)
{
    public static CliConsole FromProcess() => new(
        Console.Out,
        Console.Error,
        Console.OpenStandardInput,
        Console.OpenStandardOutput,
        !Console.IsErrorRedirected);
}
