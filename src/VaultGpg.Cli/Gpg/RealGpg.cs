using System.Runtime.InteropServices;
using VaultGpg.Cli.Hosting;

namespace VaultGpg.Cli.Gpg;

/// <summary>
/// The real gpg, for what vaultgpg does not do itself (verification, key listing). Found through VAULT_GPG_REAL_GPG,
/// else the usual places and PATH, skipping anything that is vaultgpg or its shim, then exec'd in place of this
/// process so file descriptors (git's --status-fd) and the exit code are exactly gpg's.
/// </summary>
internal static partial class RealGpg
{
    private static readonly string[] WellKnown = ["/usr/bin/gpg", "/bin/gpg", "/usr/local/bin/gpg", "/usr/bin/gpg2"];

    public static string? Find(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.Get("VAULT_GPG_REAL_GPG") is { } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var onPath = (environment.Get("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "gpg"));
        return WellKnown.Concat(onPath).FirstOrDefault(IsRealGpg);
    }

    /// <summary>Replaces this process with gpg; returns only when exec failed.</summary>
    public static int Exec(string path, IReadOnlyList<string> arguments, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(error);
        error.Flush();
        var argv = new IntPtr[arguments.Count + 2];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8("gpg");
            for (var i = 0; i < arguments.Count; i++)
            {
                argv[i + 1] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            }

            _ = ExecV(path, argv);
            error.WriteLine($"vaultgpg: cannot run {path}: error {Marshal.GetLastPInvokeError()}");
            return ExitCodes.Error;
        }
        finally
        {
            foreach (var pointer in argv)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    private static bool IsRealGpg(string candidate)
    {
        var info = new FileInfo(candidate);
        if (!info.Exists)
        {
            return false;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        if (string.Equals(target, Environment.ProcessPath, StringComparison.Ordinal))
        {
            return false;
        }

        // A small script mentioning vaultgpg is our shim (or someone's wrapper around it): not the real thing.
        if (new FileInfo(target).Length < 16 * 1024)
        {
            try
            {
                return !File.ReadAllText(target).Contains("vaultgpg", StringComparison.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecV(string path, IntPtr[] argv);
}
