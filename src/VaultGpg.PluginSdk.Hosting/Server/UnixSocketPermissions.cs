using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace VaultGpg.PluginSdk.Hosting.Server;

/// <summary>
/// PLUGIN_UNIX_SOCKET_GROUP (container runners): the socket is handed to that group and made group read-write (0660),
/// as go-plugin's server does, so a host running as another user in that group can connect.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static partial class UnixSocketPermissions
{
    private const UnixFileMode OwnerAndGroupReadWrite =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <exception cref="InvalidOperationException">The group does not exist or the socket cannot be changed.</exception>
    public static void Apply(string socketPath, string group)
    {
        var gid = ResolveGroup(group);
        if (Chown(socketPath, uint.MaxValue, gid) != 0)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"cannot change the group of {socketPath} to {gid}: errno {Marshal.GetLastPInvokeError()}"));
        }

        File.SetUnixFileMode(socketPath, OwnerAndGroupReadWrite);
    }

    /// <summary>A numeric gid, or a group name looked up through the system's group database.</summary>
    internal static uint ResolveGroup(string group)
    {
        if (uint.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
        {
            return gid;
        }

        var entry = GetGroupByName(group);
        if (entry == IntPtr.Zero)
        {
            throw new InvalidOperationException($"unknown group \"{group}\" in PLUGIN_UNIX_SOCKET_GROUP");
        }

        // struct group { char *gr_name; char *gr_passwd; gid_t gr_gid; char **gr_mem; }
        return (uint)Marshal.ReadInt32(entry, 2 * IntPtr.Size);
    }

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "getgrnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetGroupByName(string name);
}
