using System.Diagnostics;

namespace VaultGpg.TestSupport;

/// <summary>
/// Runs a program with fully asynchronous I/O and a hard timeout, the way tests drive gpg, gpgv and rpmkeys.
/// A program that outlives its timeout is killed with its whole process tree so a hung oracle cannot hang the suite.
/// </summary>
public static class ExternalProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        byte[]? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(arguments);

        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A deterministic locale keeps human-readable output (which tests sometimes print) stable.
        startInfo.Environment["LC_ALL"] = "C";
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = startInfo };
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout ?? DefaultTimeout);
        var token = timeoutSource.Token;

        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {fileName}");
        }

        try
        {
            var stdoutTask = ReadAllAsync(process.StandardOutput.BaseStream, token);
            var stderrTask = process.StandardError.ReadToEndAsync(token);
            await WriteStdinAsync(process, stdin, token).ConfigureAwait(false);
            await process.WaitForExitAsync(token).ConfigureAwait(false);
            var stdout = await stdoutTask.ConfigureAwait(false);
            var stderr = await stderrTask.ConfigureAwait(false);
            return new ProcessResult(process.ExitCode, stdout, stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            KillQuietly(process);
            throw new TimeoutException($"{fileName} {string.Join(' ', startInfo.ArgumentList)} did not finish within {timeout ?? DefaultTimeout}");
        }
        catch (OperationCanceledException)
        {
            KillQuietly(process);
            throw;
        }
    }

    /// <summary>Whether an executable of that name is on PATH (or the name is a path to an executable file).</summary>
    public static bool IsOnPath(string program) => FindOnPath(program) is not null;

    public static string? FindOnPath(string program)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate)
                && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static async Task WriteStdinAsync(Process process, byte[]? stdin, CancellationToken cancellationToken)
    {
        var input = process.StandardInput.BaseStream;
        try
        {
            if (stdin is { Length: > 0 })
            {
                await input.WriteAsync(stdin, cancellationToken).ConfigureAwait(false);
                await input.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The program exited or closed stdin without reading everything (e.g. it rejected the input early):
            // its exit code and stderr tell the test what happened.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Same as above: a broken pipe on close is not the test's concern.
            }
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
