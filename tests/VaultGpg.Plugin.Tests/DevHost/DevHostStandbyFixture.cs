using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>
/// An active dev host with the test plugin at <c>test/</c>, the product plugin at <see cref="DevHostFixture.LogMount"/>
/// (for the transparency log) and a storage file, and a second dev host started as its performance standby
/// (<c>-standby-of</c>) on the same file, with the same root token.
/// </summary>
public sealed class DevHostStandbyFixture : IAsyncLifetime
{
    private readonly string _storageFile = Path.Combine(Path.GetTempPath(), $"devhost-standby-{Guid.NewGuid():N}.json");
    private DevHostProcess? _active;
    private DevHostProcess? _standby;

    internal DevHostProcess Active => _active ?? throw new InvalidOperationException("the active dev host is not started");

    internal DevHostProcess Standby => _standby ?? throw new InvalidOperationException("the standby dev host is not started");

    public async Task InitializeAsync()
    {
        string[] mounts = [$"test={DevHostPaths.TestPlugin}", $"{DevHostFixture.LogMount}={DevHostPaths.ProductPlugin}"];
        _active = await DevHostProcess.StartAsync(mounts, ["-rollback-interval", "0", "-storage-file", _storageFile], CancellationToken.None);
        _standby = await DevHostProcess.StartAsync(mounts,
            ["-rollback-interval", "0", "-storage-file", _storageFile, "-standby-of", _active.Address.ToString().TrimEnd('/')],
            CancellationToken.None, rootToken: _active.RootToken);
    }

    public async Task DisposeAsync()
    {
        if (_standby is not null)
        {
            await _standby.DisposeAsync();
        }

        if (_active is not null)
        {
            await _active.DisposeAsync();
        }

        File.Delete(_storageFile);
    }
}
