using Grpc.Core;
using VaultGpg.PluginSdk.Hosting.Proto.Pb;
using VaultGpg.PluginSdk.Logical;
using SdkStorageEntry = VaultGpg.PluginSdk.Logical.StorageEntry;

namespace VaultGpg.PluginSdk.Hosting.Broker;

/// <summary>The mount's storage view, served by Vault over the brokered connection (pb.Storage).</summary>
internal sealed class GrpcStorage(Storage.StorageClient client, string? snapshotId = null) : IStorage
{
    /// <summary>Metadata key newer Vault SDKs send so that reads come from a loaded snapshot (facts 3.2).</summary>
    public const string SnapshotIdHeader = "snapshot_id";

    /// <summary>The same storage, reading from snapshot <paramref name="id"/> (Request.requires_snapshot_id).</summary>
    public GrpcStorage ForSnapshot(string id) => string.IsNullOrEmpty(id) ? this : new GrpcStorage(client, id);

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var reply = await AwaitAsync(client.ListAsync(new StorageListArgs { Prefix = prefix }, Options(cancellationToken)), cancellationToken)
            .ConfigureAwait(false);
        ThrowIfError(reply.Err);
        return [.. reply.Keys];
    }

    public async Task<SdkStorageEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var reply = await AwaitAsync(client.GetAsync(new StorageGetArgs { Key = key }, Options(cancellationToken)), cancellationToken)
            .ConfigureAwait(false);
        ThrowIfError(reply.Err);
        return reply.Entry is null ? null : new SdkStorageEntry(reply.Entry.Key, reply.Entry.Value.Memory, reply.Entry.SealWrap);
    }

    public async Task PutAsync(SdkStorageEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var args = new StoragePutArgs
        {
            Entry = new Proto.Pb.StorageEntry
            {
                Key = entry.Key,
                Value = Google.Protobuf.ByteString.CopyFrom(entry.Value.Span),
                SealWrap = entry.SealWrap,
            },
        };
        var reply = await AwaitAsync(client.PutAsync(args, Options(cancellationToken)), cancellationToken).ConfigureAwait(false);
        ThrowIfError(reply.Err);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var reply = await AwaitAsync(client.DeleteAsync(new StorageDeleteArgs { Key = key }, Options(cancellationToken)), cancellationToken)
            .ConfigureAwait(false);
        ThrowIfError(reply.Err);
    }

    private CallOptions Options(CancellationToken cancellationToken) =>
        new(headers: snapshotId is null ? null : new Metadata { { SnapshotIdHeader, snapshotId } }, cancellationToken: cancellationToken);

    private static Task<T> AwaitAsync<T>(AsyncUnaryCall<T> call, CancellationToken cancellationToken) =>
        BrokerCalls.AwaitAsync(
            call,
            static e => new StorageException($"storage unavailable: {e.Status.StatusCode}: {e.Status.Detail}", e),
            cancellationToken);

    // Vault's storage reports its own failures as text; it keeps "cannot write to readonly storage" intact, which
    // StorageException.IsReadOnly recognises.
    private static void ThrowIfError(string err)
    {
        if (!string.IsNullOrEmpty(err))
        {
            throw new StorageException(err);
        }
    }
}
