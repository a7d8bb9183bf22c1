using VaultGpg.TestSupport;

namespace VaultGpg.Plugin.Tests.DevHost;

/// <summary>
/// One dev host shared by the tests of the <see cref="DevHostCollection"/>: the product plugin at <c>gpg/</c> and at
/// <see cref="LogMount"/> (whose transparency log the log tests turn on, so other tests' answers stay as they are), and
/// the test-only plugin at <c>test/</c> and <c>test2/</c> (two mounts, one multiplexed process). Rollback runs every
/// second so the periodic request is exercised while the tests run.
/// </summary>
public sealed class DevHostFixture : IAsyncLifetime
{
    /// <summary>The product plugin's second mount, with its transparency log on.</summary>
    public const string LogMount = "gpglog";

    private DevHostProcess? _host;

    internal DevHostProcess Host => _host ?? throw new InvalidOperationException("the dev host is not started");

    /// <summary>The plugins' raw stderr lines, as the dev host received them.</summary>
    internal string PluginStderrFile { get; } = Path.Combine(Path.GetTempPath(), $"devhost-plugin-stderr-{Guid.NewGuid():N}.log");

    public async Task InitializeAsync()
    {
        _host = await DevHostProcess.StartAsync(
            [$"gpg={DevHostPaths.ProductPlugin}", $"{LogMount}={DevHostPaths.ProductPlugin}", $"test={DevHostPaths.TestPlugin}", $"test2={DevHostPaths.TestPlugin}"],
            ["-rollback-interval", "1s", "-plugin-stderr-file", PluginStderrFile],
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        File.Delete(PluginStderrFile);
    }
}
