using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace VaultGpg.PluginSdk.Hosting.Server;

/// <summary>
/// The plugin's unix socket lives in a directory of its own, made fresh at every start (mkdtemp) inside
/// PLUGIN_UNIX_SOCKET_DIR or the temp directory: mode 0700, so nobody but the plugin's user can reach the socket
/// whatever the umask, and nobody else can put a name into it. With PLUGIN_UNIX_SOCKET_GROUP (container runners) the
/// directory is handed to that group with mode 0750 and the socket made group read-write (0660) as go-plugin's server
/// does with its socket (its client makes PLUGIN_UNIX_SOCKET_DIR 0770 for the group). The directory is changed through
/// its open descriptor and the socket by name relative to that descriptor without following a symbolic link, so a
/// swapped path cannot redirect either change to another file. An unknown group or a change that fails is an error:
/// there is no fallback (go-plugin has none either). Disposing removes the directory and the socket in it.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed partial class PrivateSocketDirectory : IDisposable
{
    /// <summary>The directory is new at every start, so one fixed name is enough.</summary>
    public const string SocketName = "plugin.sock";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerAndGroupSearch = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
    private const UnixFileMode OwnerAndGroupReadWrite =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    private const int OpenCloseOnExec = 0x80000;
    private const int AtSymlinkNoFollow = 0x100;

    private readonly uint? _groupId;
    private int _descriptor;

    private PrivateSocketDirectory(string path, int descriptor, uint? groupId)
    {
        DirectoryPath = path;
        _descriptor = descriptor;
        _groupId = groupId;
    }

    public string DirectoryPath { get; }

    public string SocketPath => Path.Combine(DirectoryPath, SocketName);

    /// <summary>Makes a fresh directory in <paramref name="parent"/>, handed to <paramref name="group"/> when given.</summary>
    /// <exception cref="InvalidOperationException">The directory cannot be made, or the group is unknown or cannot be set.</exception>
    public static PrivateSocketDirectory Create(string parent, string? group)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var groupId = group is null ? (uint?)null : ResolveGroup(group);
        var path = MakeTemporaryDirectory(Path.Combine(parent, "vaultgpg-XXXXXX"))
            ?? throw Failure($"cannot create the socket directory in {parent} (PLUGIN_UNIX_SOCKET_DIR)");
        var descriptor = Open(path, OpenDirectoryNoFollow());
        if (descriptor < 0)
        {
            var error = Failure($"cannot open the socket directory {path}");
            Directory.Delete(path);
            throw error;
        }

        var directory = new PrivateSocketDirectory(path, descriptor, groupId);
        try
        {
            directory.ChangeMode(OwnerOnly);
            if (groupId is { } gid)
            {
                directory.HandToGroup(gid);
            }

            return directory;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>After the socket is bound: with a group, the socket becomes that group's and group read-write.</summary>
    /// <exception cref="InvalidOperationException">The socket's group or mode cannot be changed (or it is not a plain entry).</exception>
    public void GrantGroupAccessToSocket()
    {
        if (_groupId is not { } gid)
        {
            return;
        }

        if (ChangeOwnerAt(_descriptor, SocketName, uint.MaxValue, gid, AtSymlinkNoFollow) != 0)
        {
            throw Failure(string.Create(CultureInfo.InvariantCulture, $"cannot change the group of {SocketPath} to {gid} (PLUGIN_UNIX_SOCKET_GROUP)"));
        }

        // glibc refuses AT_SYMLINK_NOFOLLOW on a symbolic link (EOPNOTSUPP) and changes anything else in place.
        if (ChangeModeAt(_descriptor, SocketName, (uint)OwnerAndGroupReadWrite, AtSymlinkNoFollow) != 0)
        {
            throw Failure($"cannot make {SocketPath} group read-write (PLUGIN_UNIX_SOCKET_GROUP)");
        }
    }

    /// <summary>A numeric gid, or a group name looked up through the system's group database.</summary>
    /// <exception cref="InvalidOperationException">No such group.</exception>
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

    public void Dispose()
    {
        if (_descriptor < 0)
        {
            return;
        }

        _ = Close(_descriptor);
        _descriptor = -1;
        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort at shutdown: the next start makes a new directory anyway.
        }
    }

    private void ChangeMode(UnixFileMode mode)
    {
        if (ChangeModeOf(_descriptor, (uint)mode) != 0)
        {
            throw Failure($"cannot set the mode of the socket directory {DirectoryPath}");
        }
    }

    private void HandToGroup(uint gid)
    {
        if (ChangeOwnerOf(_descriptor, uint.MaxValue, gid) != 0)
        {
            throw Failure(string.Create(CultureInfo.InvariantCulture, $"cannot change the group of {DirectoryPath} to {gid} (PLUGIN_UNIX_SOCKET_GROUP)"));
        }

        ChangeMode(OwnerAndGroupSearch);
    }

    /// <summary>O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC; the first two differ between x86 and Arm Linux.</summary>
    private static int OpenDirectoryNoFollow() =>
        OpenCloseOnExec | (RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm
            ? 0x4000 | 0x8000
            : 0x10000 | 0x20000);

    /// <summary>mkdtemp(3): fills in the X's of the template in place, so it gets a buffer of its own.</summary>
    private static unsafe string? MakeTemporaryDirectory(string template)
    {
        var buffer = Encoding.UTF8.GetBytes(template + "\0");
        fixed (byte* pointer = buffer)
        {
            if (MakeTemporaryDirectory(pointer) == null)
            {
                return null;
            }
        }

        return Encoding.UTF8.GetString(buffer, 0, buffer.Length - 1);
    }

    private static InvalidOperationException Failure(string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{message}: errno {Marshal.GetLastPInvokeError()}"));

    [LibraryImport("libc", EntryPoint = "mkdtemp", SetLastError = true)]
    private static unsafe partial byte* MakeTemporaryDirectory(byte* template);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    private static partial int ChangeModeOf(int descriptor, uint mode);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int ChangeOwnerOf(int descriptor, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "fchmodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChangeModeAt(int directory, string name, uint mode, int flags);

    [LibraryImport("libc", EntryPoint = "fchownat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChangeOwnerAt(int directory, string name, uint owner, uint group, int flags);

    [LibraryImport("libc", EntryPoint = "getgrnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetGroupByName(string name);
}
