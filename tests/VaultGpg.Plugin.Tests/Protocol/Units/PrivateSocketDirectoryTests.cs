using System.Net.Sockets;
using System.Runtime.Versioning;
using VaultGpg.PluginSdk.Hosting.Server;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.Protocol.Units;

/// <summary>The plugin's private socket directory, on the file system: modes, group, a swapped name, clean-up.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PrivateSocketDirectoryTests : IDisposable
{
    /// <summary>Debian's nogroup: a group the test user (root in CI) is not in, so a change to it is visible.</summary>
    private const string OtherGroup = "65534";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("vgpg-psd-");

    public void Dispose() => _parent.Delete(recursive: true);

    [Fact]
    public void Create_NoGroup_FreshDirectoryWithMode0700InTheParent()
    {
        using var first = PrivateSocketDirectory.Create(_parent.FullName, group: null);
        using var second = PrivateSocketDirectory.Create(_parent.FullName, group: null);

        Assert.Equal(_parent.FullName, Path.GetDirectoryName(first.DirectoryPath));
        Assert.NotEqual(first.DirectoryPath, second.DirectoryPath);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(first.DirectoryPath));
        Assert.Equal(first.DirectoryPath, Path.GetDirectoryName(first.SocketPath));
    }

    [Fact]
    public async Task Create_WithGroup_DirectoryAndSocketHandedToTheGroup()
    {
        using var directory = PrivateSocketDirectory.Create(_parent.FullName, OtherGroup);
        using var socket = Listen(directory.SocketPath);

        directory.GrantGroupAccessToSocket();

        Assert.Equal(OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(directory.DirectoryPath));
        Assert.Equal(OtherGroup, await GroupOfAsync(directory.DirectoryPath));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(directory.SocketPath));
        Assert.Equal(OtherGroup, await GroupOfAsync(directory.SocketPath));
    }

    [Fact]
    public async Task GrantGroupAccess_SocketNameSwappedForSymlink_RefusesAndLeavesTheTargetAlone()
    {
        using var directory = PrivateSocketDirectory.Create(_parent.FullName, OtherGroup);
        var victim = Path.Combine(_parent.FullName, "victim");
        await File.WriteAllTextAsync(victim, "not a socket");
        File.SetUnixFileMode(victim, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var groupBefore = await GroupOfAsync(victim);
        File.CreateSymbolicLink(directory.SocketPath, victim);

        var error = Assert.Throws<InvalidOperationException>(directory.GrantGroupAccessToSocket);

        Assert.Contains("PLUGIN_UNIX_SOCKET_GROUP", error.Message, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(victim));
        Assert.Equal(groupBefore, await GroupOfAsync(victim));
    }

    [Fact]
    public void Create_UnknownGroup_ThrowsNamingTheGroupAndLeavesNothing()
    {
        const string group = "vaultgpg-no-such-group";
        var error = Assert.Throws<InvalidOperationException>(() => PrivateSocketDirectory.Create(_parent.FullName, group));

        Assert.Contains($"\"{group}\"", error.Message, StringComparison.Ordinal);
        Assert.Empty(_parent.EnumerateFileSystemInfos());
    }

    [Fact]
    public void Create_ParentMissing_ThrowsNamingTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => PrivateSocketDirectory.Create(Path.Combine(_parent.FullName, "missing"), group: null));

        Assert.Contains("PLUGIN_UNIX_SOCKET_DIR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_WithSocket_RemovesTheDirectory()
    {
        var directory = PrivateSocketDirectory.Create(_parent.FullName, group: null);
        using (Listen(directory.SocketPath))
        {
            directory.Dispose();
        }

        Assert.False(Directory.Exists(directory.DirectoryPath));
    }

    private static Socket Listen(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen();
        return socket;
    }

    private static async Task<string> GroupOfAsync(string path) =>
        (await ExternalProcess.RunAsync("stat", ["-c", "%g", path])).StdoutText.Trim();
}
