namespace VaultGpg.Cli.Hosting;

/// <summary>argv[0] exactly as the parent passed it (.NET reports the resolved executable path instead).</summary>
internal static class ProcessName
{
    public static string? InvokedAs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var commandLine = File.ReadAllBytes("/proc/self/cmdline");
            var end = Array.IndexOf(commandLine, (byte)0);
            return System.Text.Encoding.UTF8.GetString(commandLine, 0, end < 0 ? commandLine.Length : end);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
