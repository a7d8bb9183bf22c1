using System.Diagnostics.CodeAnalysis;
using Grpc.Core;

namespace VaultGpg.PluginSdk.Hosting.Services;

/// <summary>
/// The mounts this process serves, keyed by Vault's <c>multiplex_id</c> metadata (one id per mount connection when
/// Vault multiplexes). A call without the id addresses the single instance, as in go-plugin's non-multiplexed mode.
/// </summary>
internal sealed class BackendInstances
{
    public const string MultiplexIdHeader = "multiplex_id";

    /// <summary>The key of the instance for calls without a multiplex id (Vault sdk's singleImplementationID).</summary>
    public const string SingleInstanceId = "single";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, BackendInstance> _instances = new(StringComparer.Ordinal);

    public static string IdOf(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.RequestHeaders.GetValue(MultiplexIdHeader);
        return string.IsNullOrEmpty(id) ? SingleInstanceId : id;
    }

    public bool TryGet(string id, [NotNullWhen(true)] out BackendInstance? instance)
    {
        lock (_lock)
        {
            return _instances.TryGetValue(id, out instance);
        }
    }

    /// <summary>Stores the instance; returns the one it replaced (a repeated Setup on the same mount), if any.</summary>
    public BackendInstance? Set(BackendInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_lock)
        {
            _instances.Remove(instance.Id, out var replaced);
            _instances[instance.Id] = instance;
            return replaced;
        }
    }

    public BackendInstance? Remove(string id)
    {
        lock (_lock)
        {
            return _instances.Remove(id, out var instance) ? instance : null;
        }
    }

    /// <summary>Takes every instance out, for disposal when the process stops.</summary>
    public IReadOnlyList<BackendInstance> RemoveAll()
    {
        lock (_lock)
        {
            var all = _instances.Values.ToList();
            _instances.Clear();
            return all;
        }
    }
}
