using System.Security.Cryptography;

namespace VaultGpg.TestSupport;

/// <summary>Private temporary directories with short paths (unix socket paths are limited to ~107 bytes).</summary>
public static class TemporaryDirectory
{
    /// <summary>Creates <c>/tmp/{prefix}{8 random chars}</c> with mode 0700.</summary>
    public static string CreateShort(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        // Not Path.GetTempPath(): TMPDIR may be long, and gpg-agent's socket lives inside the home.
        var root = Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
        for (var attempt = 0; ; attempt++)
        {
            var path = Path.Combine(root, prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
            if (Directory.Exists(path) && attempt < 10)
            {
                continue;
            }

            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return path;
        }
    }

    public static void DeleteQuietly(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A socket the agent is still removing can race with us; /tmp is cleaned eventually anyway.
        }
    }
}
