using Grpc.Core;
using VaultGpg.PluginSdk.Hosting.Proto.Pb;
using VaultGpg.PluginSdk.Hosting.Translation;
using VaultGpg.PluginSdk.Logical;
using SystemViewClient = VaultGpg.PluginSdk.Hosting.Proto.Pb.SystemView.SystemViewClient;

namespace VaultGpg.PluginSdk.Hosting.Broker;

/// <summary>Vault's system view for the mount, over the brokered connection (pb.SystemView).</summary>
internal sealed class GrpcSystemView(SystemViewClient client) : ISystemView
{
    private static readonly Empty EmptyArgs = new();

    public async Task<TimeSpan> DefaultLeaseTtlAsync(CancellationToken cancellationToken) =>
        Durations.FromNanoseconds((await AwaitAsync(client.DefaultLeaseTTLAsync(EmptyArgs, cancellationToken: cancellationToken), cancellationToken)
            .ConfigureAwait(false)).TTL);

    public async Task<TimeSpan> MaxLeaseTtlAsync(CancellationToken cancellationToken) =>
        Durations.FromNanoseconds((await AwaitAsync(client.MaxLeaseTTLAsync(EmptyArgs, cancellationToken: cancellationToken), cancellationToken)
            .ConfigureAwait(false)).TTL);

    public async Task<bool> TaintedAsync(CancellationToken cancellationToken) =>
        (await AwaitAsync(client.TaintedAsync(EmptyArgs, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false)).Tainted;

    public async Task<bool> CachingDisabledAsync(CancellationToken cancellationToken) =>
        (await AwaitAsync(client.CachingDisabledAsync(EmptyArgs, cancellationToken: cancellationToken), cancellationToken)
            .ConfigureAwait(false)).Disabled;

    public async Task<ReplicationState> ReplicationStateAsync(CancellationToken cancellationToken) =>
        (ReplicationState)(await AwaitAsync(client.ReplicationStateAsync(EmptyArgs, cancellationToken: cancellationToken), cancellationToken)
            .ConfigureAwait(false)).State;

    public async Task<bool> LocalMountAsync(CancellationToken cancellationToken) =>
        (await AwaitAsync(client.LocalMountAsync(EmptyArgs, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false)).Local;

    public async Task<string> VaultVersionAsync(CancellationToken cancellationToken)
    {
        var reply = await AwaitAsync(client.PluginEnvAsync(EmptyArgs, cancellationToken: cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        if (!string.IsNullOrEmpty(reply.Err))
        {
            throw new InvalidOperationException("system view: " + reply.Err);
        }

        return reply.PluginEnvironment?.VaultVersion ?? "";
    }

    // Vault has no system view during its registration probe and answers every call with a gRPC error then.
    private static Task<T> AwaitAsync<T>(AsyncUnaryCall<T> call, CancellationToken cancellationToken) =>
        BrokerCalls.AwaitAsync(
            call,
            static e => new InvalidOperationException($"system view unavailable: {e.Status.StatusCode}: {e.Status.Detail}", e),
            cancellationToken);
}
