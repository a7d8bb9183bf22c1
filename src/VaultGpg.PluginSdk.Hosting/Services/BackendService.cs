using Grpc.Core;
using Microsoft.Extensions.Logging;
using VaultGpg.PluginSdk.Hosting.Broker;
using VaultGpg.PluginSdk.Hosting.Logging;
using VaultGpg.PluginSdk.Hosting.Proto.Pb;
using VaultGpg.PluginSdk.Hosting.Translation;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Hosting.Services;

/// <summary>
/// pb.Backend: translates between the wire and the SDK and delegates to the mount's <see cref="IBackend"/>.
/// Errors meant for the caller travel in ProtoError with gRPC status OK (Vault's contract); unexpected exceptions are
/// logged once here, with path and operation, and answered with a 500-type error that reveals nothing.
/// </summary>
internal sealed class BackendService(
    BackendFactory factory,
    BackendInstances instances,
    ConnInfoRegistry connInfos,
    BrokerDialer dialer,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider) : Backend.BackendBase
{
    private static readonly Empty EmptyReply = new();

    private readonly ILogger _logger = loggerFactory.CreateLogger<BackendService>();

    public override async Task<SetupReply> Setup(SetupArgs request, ServerCallContext context)
    {
        var id = BackendInstances.IdOf(context);
        var info = await connInfos.TakeAsync(request.BrokerId, ConnInfoRegistry.WaitTimeout, context.CancellationToken).ConfigureAwait(false);
        var connection = dialer.Dial(info);
        var storage = new GrpcStorage(connection.Storage);
        var config = new BackendConfig
        {
            Config = new Dictionary<string, string>(request.Config, StringComparer.Ordinal),
            BackendUuid = request.BackendUUID,
            StorageView = storage,
            System = new GrpcSystemView(connection.SystemView),
            LoggerFactory = loggerFactory,
            TimeProvider = timeProvider,
        };

        IBackend backend;
        try
        {
            backend = await factory(config, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            connection.Dispose();
            if (exception is LogicalException logical)
            {
                return new SetupReply { Err = logical.Error.Message };
            }

            HostingLog.SetupFailed(_logger, id, exception);
            return new SetupReply { Err = "failed to set up the backend: " + ErrorTranslator.InternalErrorMessage };
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        if (instances.Set(new BackendInstance(id, backend, connection, storage)) is { } replaced)
        {
            await DisposeQuietlyAsync(replaced).ConfigureAwait(false);
        }

        HostingLog.SetUp(_logger, id, request.BrokerId, request.BackendUUID);
        return new SetupReply();
    }

    public override async Task<HandleRequestReply> HandleRequest(HandleRequestArgs request, ServerCallContext context)
    {
        var instance = RequireInstance(context, nameof(HandleRequest));
        var wire = request.Request ?? new Proto.Pb.Request();
        var sdkRequest = RequestTranslator.FromProto(wire, instance.Storage.ForSnapshot(wire.RequiresSnapshotId), out var invalid);
        if (sdkRequest is null)
        {
            return new HandleRequestReply { Err = ErrorTranslator.ToProto(invalid!) };
        }

        HostingLog.Request(_logger, wire.Operation, wire.Path, wire.Id);
        var (response, error) = await InvokeAsync(
            ct => instance.Backend.HandleRequestAsync(sdkRequest, ct),
            context,
            e => HostingLog.RequestFailed(_logger, wire.Operation, wire.Path, wire.Id, e)).ConfigureAwait(false);
        return error is null ? ResponseTranslator.ToReply(response) : new HandleRequestReply { Err = error };
    }

    public override async Task<HandleExistenceCheckReply> HandleExistenceCheck(HandleExistenceCheckArgs request, ServerCallContext context)
    {
        var instance = RequireInstance(context, nameof(HandleExistenceCheck));
        var wire = request.Request ?? new Proto.Pb.Request();
        var sdkRequest = RequestTranslator.FromProto(wire, instance.Storage.ForSnapshot(wire.RequiresSnapshotId), out var invalid);
        if (sdkRequest is null)
        {
            // Vault passes only a user error from an existence check on to the client (400); any other error
            // becomes its 500 "internal error". Data the plugin cannot read is the caller's mistake, as Go's
            // framework reports a failed field validation here: a user error.
            var userError = invalid!.Type == ErrorType.BadRequest ? invalid with { Type = ErrorType.User } : invalid;
            return new HandleExistenceCheckReply { Err = ErrorTranslator.ToProto(userError) };
        }

        var (result, error) = await InvokeAsync(
            ct => instance.Backend.HandleExistenceCheckAsync(sdkRequest, ct),
            context,
            e => HostingLog.RequestFailed(_logger, "existence-check", wire.Path, wire.Id, e)).ConfigureAwait(false);

        // A present ProtoError counts as an error in Vault even when empty: set it only for a real error.
        return error is not null
            ? new HandleExistenceCheckReply { Err = error }
            : new HandleExistenceCheckReply { CheckFound = result!.CheckFound, Exists = result.Exists };
    }

    public override async Task<InitializeReply> Initialize(InitializeArgs request, ServerCallContext context)
    {
        var instance = RequireInstance(context, nameof(Initialize));
        var (_, error) = await InvokeAsync(
            async ct =>
            {
                await instance.Backend.InitializeAsync(ct).ConfigureAwait(false);
                return true;
            },
            context,
            e => HostingLog.RpcFailed(_logger, nameof(Initialize), instance.Id, e)).ConfigureAwait(false);
        return error is null ? new InitializeReply() : new InitializeReply { Err = error };
    }

    public override async Task<Empty> InvalidateKey(InvalidateKeyArgs request, ServerCallContext context)
    {
        if (!instances.TryGet(BackendInstances.IdOf(context), out var instance))
        {
            HostingLog.InstanceMissing(_logger, nameof(InvalidateKey), BackendInstances.IdOf(context));
            return EmptyReply;
        }

        // Vault ignores the result; InvokeAsync logs unexpected failures.
        await InvokeAsync(
            async ct =>
            {
                await instance.Backend.InvalidateKeyAsync(request.Key, ct).ConfigureAwait(false);
                return true;
            },
            context,
            e => HostingLog.RpcFailed(_logger, nameof(InvalidateKey), instance.Id, e)).ConfigureAwait(false);
        return EmptyReply;
    }

    public override Task<SpecialPathsReply> SpecialPaths(Empty request, ServerCallContext context) =>
        Task.FromResult(instances.TryGet(BackendInstances.IdOf(context), out var instance)
            ? new SpecialPathsReply { Paths = SpecialPathsTranslator.ToProto(instance.Backend.SpecialPaths) }
            : new SpecialPathsReply());

    public override Task<TypeReply> Type(Empty request, ServerCallContext context) =>
        Task.FromResult(new TypeReply { Type = (uint)RequireInstance(context, nameof(Type)).Backend.Type });

    public override async Task<Empty> Cleanup(Empty request, ServerCallContext context)
    {
        var id = BackendInstances.IdOf(context);
        if (instances.Remove(id) is not { } instance)
        {
            return EmptyReply;
        }

        try
        {
            await instance.Backend.CleanupAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            HostingLog.RpcFailed(_logger, nameof(Cleanup), id, exception);
        }
        finally
        {
            await DisposeQuietlyAsync(instance).ConfigureAwait(false);
        }

        HostingLog.CleanedUp(_logger, id);
        return EmptyReply;
    }

    /// <summary>Disposes an instance that is no longer served; failures are logged, never thrown.</summary>
    public async Task DisposeQuietlyAsync(BackendInstance instance)
    {
        try
        {
            await instance.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            HostingLog.DisposeFailed(_logger, instance.Id, exception);
        }
    }

    private BackendInstance RequireInstance(ServerCallContext context, string rpc)
    {
        var id = BackendInstances.IdOf(context);
        if (instances.TryGet(id, out var instance))
        {
            return instance;
        }

        HostingLog.InstanceMissing(_logger, rpc, id);
        throw new RpcException(new Status(StatusCode.FailedPrecondition, "no backend instance found"));
    }

    /// <summary>
    /// Runs a backend call and sorts its outcome: a result, an expected error (LogicalException, read-only storage),
    /// or an unexpected exception (logged through <paramref name="logUnexpected"/>, answered as an internal error).
    /// Cancellation by Vault (request cancelled or past its deadline) ends the RPC with the matching gRPC status.
    /// </summary>
    private async Task<(T? Result, ProtoError? Error)> InvokeAsync<T>(
        Func<CancellationToken, Task<T>> call, ServerCallContext context, Action<Exception> logUnexpected)
    {
        try
        {
            return (await call(context.CancellationToken).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            var expired = context.Deadline <= timeProvider.GetUtcNow().UtcDateTime;
            throw new RpcException(expired
                ? new Status(StatusCode.DeadlineExceeded, "request deadline exceeded")
                : new Status(StatusCode.Cancelled, "request cancelled"));
        }
        catch (Exception exception)
        {
            if (ErrorTranslator.FromExpectedException(exception) is { } expected)
            {
                return (default, expected);
            }

            logUnexpected(exception);
            return (default, ErrorTranslator.Internal());
        }
    }
}
