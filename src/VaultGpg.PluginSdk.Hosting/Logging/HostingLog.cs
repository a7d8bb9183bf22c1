using Microsoft.Extensions.Logging;

namespace VaultGpg.PluginSdk.Hosting.Logging;

/// <summary>Every log line the plugin host writes. Never pass secrets (request data, keys, tokens) to these.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(1, LogLevel.Information, "plugin starting: version={version} pid={pid}")]
    public static partial void Starting(ILogger logger, string version, int pid);

    [LoggerMessage(2, LogLevel.Information, "plugin serving: network={network} address={address} protocol={protocol} startup_ms={startupMs}")]
    public static partial void Serving(ILogger logger, string network, string address, int protocol, long startupMs);

    [LoggerMessage(3, LogLevel.Warning, "the client does not accept app protocol {version}: PLUGIN_PROTOCOL_VERSIONS={clientVersions}")]
    public static partial void ProtocolNotAccepted(ILogger logger, int version, string clientVersions);

    [LoggerMessage(4, LogLevel.Warning, "ignoring a PLUGIN_PROTOCOL_VERSIONS entry that is not a number: {entry}")]
    public static partial void InvalidProtocolEntry(ILogger logger, string entry);

    [LoggerMessage(5, LogLevel.Error, "{reason}")]
    public static partial void CannotStart(ILogger logger, string reason);

    [LoggerMessage(7, LogLevel.Warning, "refused a TLS client: {reason} (subject={subject} thumbprint={thumbprint})")]
    public static partial void ClientRefused(ILogger logger, string reason, string subject, string thumbprint);

    [LoggerMessage(8, LogLevel.Warning, "refused the brokered server's certificate: {reason} (subject={subject})")]
    public static partial void BrokerServerRefused(ILogger logger, string reason, string subject);

    [LoggerMessage(10, LogLevel.Debug, "broker connection info: service_id={serviceId} network={network} address={address}")]
    public static partial void ConnInfoReceived(ILogger logger, uint serviceId, string network, string address);

    [LoggerMessage(11, LogLevel.Information, "backend set up: instance={instance} broker_id={brokerId} backend_uuid={backendUuid}")]
    public static partial void SetUp(ILogger logger, string instance, uint brokerId, string backendUuid);

    [LoggerMessage(12, LogLevel.Error, "setting up the backend failed: instance={instance}")]
    public static partial void SetupFailed(ILogger logger, string instance, Exception exception);

    [LoggerMessage(13, LogLevel.Information, "backend cleaned up: instance={instance}")]
    public static partial void CleanedUp(ILogger logger, string instance);

    [LoggerMessage(14, LogLevel.Warning, "{rpc} called for an instance that is not set up: instance={instance}")]
    public static partial void InstanceMissing(ILogger logger, string rpc, string instance);

    [LoggerMessage(20, LogLevel.Error, "request failed unexpectedly: operation={operation} path={path} request_id={requestId}")]
    public static partial void RequestFailed(ILogger logger, string operation, string path, string requestId, Exception exception);

    [LoggerMessage(21, LogLevel.Error, "{rpc} failed unexpectedly: instance={instance}")]
    public static partial void RpcFailed(ILogger logger, string rpc, string instance, Exception exception);

    [LoggerMessage(22, LogLevel.Debug, "request: operation={operation} path={path} request_id={requestId}")]
    public static partial void Request(ILogger logger, string operation, string path, string requestId);

    [LoggerMessage(30, LogLevel.Information, "shutdown requested: {reason}")]
    public static partial void ShutdownRequested(ILogger logger, string reason);

    [LoggerMessage(31, LogLevel.Information, "ignoring SIGINT (Vault's process group may receive Ctrl-C)")]
    public static partial void SigintIgnored(ILogger logger);

    [LoggerMessage(32, LogLevel.Warning, "graceful stop did not finish in time, exiting now")]
    public static partial void ForcedExit(ILogger logger);

    [LoggerMessage(33, LogLevel.Information, "plugin stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(34, LogLevel.Warning, "disposing a backend instance failed: instance={instance}")]
    public static partial void DisposeFailed(ILogger logger, string instance, Exception exception);
}
