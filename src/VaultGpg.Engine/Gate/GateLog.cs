using Microsoft.Extensions.Logging;

namespace VaultGpg.Engine.Gate;

/// <summary>The gate's log messages (event ids 60-69). Names and counts only, never keys or documents.</summary>
internal static partial class GateLog
{
    [LoggerMessage(EventId = 60, EventName = "GatePolicySet", Level = LogLevel.Information,
        Message = "build policy of key {KeyName} set: {Threshold} of {Builders} builders (request {RequestId})")]
    public static partial void PolicySet(ILogger logger, string keyName, int threshold, int builders, string requestId);

    [LoggerMessage(EventId = 61, EventName = "GatePolicyDeleted", Level = LogLevel.Information,
        Message = "build policy of key {KeyName} deleted (request {RequestId})")]
    public static partial void PolicyDeleted(ILogger logger, string keyName, string requestId);

    [LoggerMessage(EventId = 62, EventName = "GateAttested", Level = LogLevel.Information,
        Message = "attestation {Attestation} for key {KeyName} accepted from {Builders}: {Digests} digest(s) (request {RequestId})")]
    public static partial void Attested(ILogger logger, string keyName, string attestation, IReadOnlyList<string> builders, int digests, string requestId);
}
