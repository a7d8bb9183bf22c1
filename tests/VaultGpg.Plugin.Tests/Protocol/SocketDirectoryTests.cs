using System.Runtime.Versioning;
using Grpc.Health.V1;
using VaultGpg.Plugin.Tests.Protocol.Support;
using VaultGpg.PluginSdk.Hosting.Proto.Plugin;
using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.Protocol;

/// <summary>
/// Where the published plugin puts its unix socket: a fresh private directory in PLUGIN_UNIX_SOCKET_DIR (or the temp
/// directory), handed to PLUGIN_UNIX_SOCKET_GROUP when that is set; a socket that cannot be made is an error, never TCP.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SocketDirectoryTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("vgpg-sock-");

    public void Dispose() => _parent.Delete(recursive: true);

    [Fact]
    public async Task Handshake_SocketDirectorySet_SocketInAFreshDirectoryWithMode0700RemovedAtShutdown()
    {
        await using var host = await FakeVaultHost.StartAsync(SocketEnvironment(group: null));
        var directory = Path.GetDirectoryName(host.Handshake.Address)!;

        Assert.Equal(_parent.FullName, Path.GetDirectoryName(directory));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(directory));
        await new GRPCController.GRPCControllerClient(host.Channel).ShutdownAsync(new Empty());
        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(2)));
        Assert.False(Directory.Exists(directory), "the private socket directory should be removed at shutdown");
    }

    [Fact]
    public async Task Handshake_GroupSet_DirectoryGroupSearchableAndSocketGroupReadWrite()
    {
        const string nogroup = "65534";
        await using var host = await FakeVaultHost.StartAsync(SocketEnvironment(nogroup));
        var directory = Path.GetDirectoryName(host.Handshake.Address)!;

        Assert.Equal(OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(directory));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(host.Handshake.Address));
        var groups = await ExternalProcess.RunAsync("stat", ["-c", "%g", directory, host.Handshake.Address]);
        Assert.Equal([nogroup, nogroup], groups.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var health = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest { Service = "plugin" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task Handshake_UnknownGroup_ExitsWithErrorAndNoHandshake()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => FakeVaultHost.StartAsync(SocketEnvironment("vaultgpg-no-such-group")));

        Assert.Contains("exited (1) before the handshake", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown group \\\"vaultgpg-no-such-group\\\" in PLUGIN_UNIX_SOCKET_GROUP", error.Message, StringComparison.Ordinal);
        Assert.Empty(_parent.EnumerateFileSystemInfos());
    }

    [Fact]
    public async Task Handshake_SocketDirectoryUnusable_ExitsWithErrorInsteadOfFallingBackToTcp()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FakeVaultHost.StartAsync(
            new Dictionary<string, string?> { ["PLUGIN_UNIX_SOCKET_DIR"] = Path.Combine(_parent.FullName, "missing") }));

        Assert.Contains("exited (1) before the handshake", error.Message, StringComparison.Ordinal);
        Assert.Contains("PLUGIN_UNIX_SOCKET_DIR", error.Message, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> SocketEnvironment(string? group) => new()
    {
        ["PLUGIN_UNIX_SOCKET_DIR"] = _parent.FullName,
        ["PLUGIN_UNIX_SOCKET_GROUP"] = group,
    };
}
