using Grpc.Core;

namespace VaultGpg.PluginSdk.Hosting.Broker;

/// <summary>Awaiting a brokered call: our own cancellation stays an OperationCanceledException (the request was
/// cancelled or hit its deadline), any other gRPC failure becomes the caller's exception type.</summary>
internal static class BrokerCalls
{
    public static async Task<T> AwaitAsync<T>(
        AsyncUnaryCall<T> call, Func<RpcException, Exception> failure, CancellationToken cancellationToken)
    {
        using (call)
        {
            try
            {
                return await call.ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (RpcException exception)
            {
                throw failure(exception);
            }
        }
    }
}
