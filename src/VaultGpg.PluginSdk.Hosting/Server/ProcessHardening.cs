using System.Globalization;
using System.Runtime.InteropServices;

namespace VaultGpg.PluginSdk.Hosting.Server;

/// <summary>
/// Closes the ways into the plugin's memory beside Vault, before any key is loaded: the .NET diagnostic IPC socket
/// (<c>$TMPDIR/dotnet-diagnostic-&lt;pid&gt;-*-socket</c>, which lets any process of the same user ask for a full memory
/// dump) and core dumps / same-user ptrace and /proc/&lt;pid&gt;/mem (PR_SET_DUMPABLE 0).
/// The runtime opens the diagnostic socket before managed code runs and reads only the environment for it
/// (a runtimeconfig.json property such as System.Runtime.EnableDiagnostics was tried and has no effect), so a
/// process started without <c>DOTNET_EnableDiagnostics=0</c> replaces itself once with that variable set; the pid
/// stays the same, the first image's socket is closed by the exec (CLOEXEC) and its file removed before it.
/// </summary>
public static partial class ProcessHardening
{
    private const string DiagnosticsVariable = "DOTNET_EnableDiagnostics";
    private const int PrSetDumpable = 4;

    /// <summary>Call first thing in Main with Main's arguments; on Linux it returns only in a hardened process.</summary>
    /// <exception cref="InvalidOperationException">The process could not be re-executed or made non-dumpable.</exception>
    public static void Apply(string[] args)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(DiagnosticsVariable) != "0")
        {
            ExecuteWithoutDiagnostics(args);
        }

        if (SetProcessOption(PrSetDumpable, 0, 0, 0, 0) != 0)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"prctl(PR_SET_DUMPABLE, 0) failed: errno {Marshal.GetLastPInvokeError()}"));
        }
    }

    private static void ExecuteWithoutDiagnostics(string[] args)
    {
        const string self = "/proc/self/exe";
        RemoveOwnDiagnosticSockets();
        string?[] argv = [Environment.ProcessPath ?? self, .. args, null];
        var environment = Environment.GetEnvironmentVariables();
        var envp = new List<string?>(environment.Count + 2);
        foreach (System.Collections.DictionaryEntry entry in environment)
        {
            if (!string.Equals((string)entry.Key, DiagnosticsVariable, StringComparison.Ordinal))
            {
                envp.Add($"{entry.Key}={entry.Value}");
            }
        }

        envp.Add(DiagnosticsVariable + "=0");
        envp.Add(null);
        ExecVE(self, argv, [.. envp]);
        throw new InvalidOperationException(string.Create(
            CultureInfo.InvariantCulture, $"cannot re-execute the plugin with diagnostics off: errno {Marshal.GetLastPInvokeError()}"));
    }

    /// <summary>The socket file of this image outlives the exec (its descriptor does not): remove it first.</summary>
    private static void RemoveOwnDiagnosticSockets()
    {
        var pattern = string.Create(CultureInfo.InvariantCulture, $"dotnet-diagnostic-{Environment.ProcessId}-*-socket");
        foreach (var directory in new[] { Path.GetTempPath(), "/tmp/" }.Distinct(StringComparer.Ordinal))
        {
            try
            {
                foreach (var socket in Directory.EnumerateFiles(directory, pattern))
                {
                    File.Delete(socket);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover file is only a dead name, nothing listens on it after the exec.
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int SetProcessOption(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecVE(string path, string?[] argv, string?[] envp);
}
