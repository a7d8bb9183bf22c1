using System.Collections.Concurrent;
using Grpc.Core;
using VaultGpg.PluginSdk.Hosting.Proto.Plugin;

namespace VaultGpg.PluginSdk.Hosting.Broker;

/// <summary>
/// Connection info Vault announces on the broker stream, filed by service id. Vault sends it on the StartStream
/// stream and then calls Setup on another stream, so either may arrive first: Setup waits for its entry.
/// </summary>
internal sealed class ConnInfoRegistry
{
    /// <summary>go-plugin's broker waits this long for connection info before failing the dial.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<uint, TaskCompletionSource<ConnInfo>> _entries = new();

    public void Publish(ConnInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Entry(info.ServiceId).TrySetResult(info);
    }

    /// <summary>Waits for the connection info of <paramref name="serviceId"/> and removes it.</summary>
    /// <exception cref="RpcException">No info within <paramref name="timeout"/> (status Unavailable, as Go's dial error).</exception>
    public async Task<ConnInfo> TakeAsync(uint serviceId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var entry = Entry(serviceId);
        try
        {
            return await entry.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "timeout waiting for connection info"));
        }
        finally
        {
            _entries.TryRemove(new KeyValuePair<uint, TaskCompletionSource<ConnInfo>>(serviceId, entry));
        }
    }

    private TaskCompletionSource<ConnInfo> Entry(uint serviceId) =>
        _entries.GetOrAdd(serviceId, static _ => new TaskCompletionSource<ConnInfo>(TaskCreationOptions.RunContinuationsAsynchronously));
}
