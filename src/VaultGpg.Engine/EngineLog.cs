using Microsoft.Extensions.Logging;

namespace VaultGpg.Engine;

/// <summary>
/// The engine's log lines. Signing operations get one information line each, with what an auditor needs (key name,
/// signing key ID, hash, mode, size, Vault's request id) and never key material, passphrases or input bytes.
/// </summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1, EventName = "KeyStored", Level = LogLevel.Information,
        Message = "key {KeyName} {How}: fingerprint {Fingerprint} (request {RequestId})")]
    public static partial void KeyStored(ILogger logger, string keyName, string fingerprint, string how, string requestId);

    [LoggerMessage(EventId = 2, EventName = "KeyDeleted", Level = LogLevel.Information,
        Message = "key {KeyName} deleted: fingerprint {Fingerprint} (request {RequestId})")]
    public static partial void KeyDeleted(ILogger logger, string keyName, string fingerprint, string requestId);

    [LoggerMessage(EventId = 3, EventName = "KeyConfigured", Level = LogLevel.Information,
        Message = "key {KeyName} config: exportable={Exportable} deletion_allowed={DeletionAllowed} (request {RequestId})")]
    public static partial void KeyConfigured(ILogger logger, string keyName, bool exportable, bool deletionAllowed, string requestId);

    [LoggerMessage(EventId = 4, EventName = "KeyExported", Level = LogLevel.Warning,
        Message = "secret key {KeyName} exported: fingerprint {Fingerprint} (request {RequestId})")]
    public static partial void KeyExported(ILogger logger, string keyName, string fingerprint, string requestId);

    [LoggerMessage(EventId = 10, EventName = "Signed", Level = LogLevel.Information,
        Message = "signed with key {KeyName} ({SigningKeyId}): hash {Hash}, mode {Mode}, {InputBytes} input bytes (request {RequestId})")]
    public static partial void Signed(ILogger logger, string keyName, string signingKeyId, string hash, string mode, long inputBytes, string requestId);

    [LoggerMessage(EventId = 11, EventName = "SignedBatch", Level = LogLevel.Information,
        Message = "signed batch with key {KeyName} ({SigningKeyId}): hash {Hash}, mode {Mode}, {Items} items, {Failed} failed (request {RequestId})")]
    public static partial void SignedBatch(ILogger logger, string keyName, string signingKeyId, string hash, string mode, int items, int failed, string requestId);

    [LoggerMessage(EventId = 12, EventName = "Decrypted", Level = LogLevel.Information,
        Message = "decrypted with key {KeyName}: {What}, {CiphertextBytes} ciphertext bytes (request {RequestId})")]
    public static partial void Decrypted(ILogger logger, string keyName, string what, int ciphertextBytes, string requestId);

    [LoggerMessage(EventId = 5, EventName = "SubkeyAdded", Level = LogLevel.Information,
        Message = "key {KeyName}: subkey {SubkeyFingerprint} added ({KeyType}, {Capabilities}); signing key now {SigningKeyId} (request {RequestId})")]
    public static partial void SubkeyAdded(ILogger logger, string keyName, string subkeyFingerprint, string keyType, string capabilities, string? signingKeyId, string requestId);

    [LoggerMessage(EventId = 6, EventName = "SubkeyDeleted", Level = LogLevel.Information,
        Message = "key {KeyName}: subkey {SubkeyFingerprint} deleted; signing key now {SigningKeyId} (request {RequestId})")]
    public static partial void SubkeyDeleted(ILogger logger, string keyName, string subkeyFingerprint, string? signingKeyId, string requestId);

    [LoggerMessage(EventId = 30, EventName = "ExpirySet", Level = LogLevel.Information,
        Message = "key {KeyName} ({Fingerprint}): expiry set to {ExpiresAt} (request {RequestId})")]
    public static partial void ExpirySet(ILogger logger, string keyName, string fingerprint, string expiresAt, string requestId);

    [LoggerMessage(EventId = 31, EventName = "KeyRotated", Level = LogLevel.Information,
        Message = "key {KeyName}: signing subkey {SubkeyFingerprint} signs from {SignsFrom}, after {PreviousFingerprint} (request {RequestId})")]
    public static partial void KeyRotated(ILogger logger, string keyName, string subkeyFingerprint, string signsFrom, string? previousFingerprint, string requestId);

    [LoggerMessage(EventId = 20, EventName = "LogConfigured", Level = LogLevel.Information,
        Message = "transparency log {Origin} configured: enabled={Enabled} (request {RequestId})")]
    public static partial void LogConfigured(ILogger logger, string origin, bool enabled, string requestId);

    [LoggerMessage(EventId = 21, EventName = "LogCosigned", Level = LogLevel.Information,
        Message = "transparency log checkpoint {Size} now has {Cosignatures} witness cosignature(s) (request {RequestId})")]
    public static partial void LogCosigned(ILogger logger, long size, int cosignatures, string requestId);

    [LoggerMessage(EventId = 32, EventName = "KeyRevoked", Level = LogLevel.Warning,
        Message = "key {KeyName} ({Fingerprint}): {Which} revoked, reason {Reason} (request {RequestId})")]
    public static partial void KeyRevoked(ILogger logger, string keyName, string fingerprint, string which, string reason, string requestId);

    [LoggerMessage(EventId = 33, EventName = "RevocationCertificateRead", Level = LogLevel.Warning,
        Message = "key {KeyName} ({Fingerprint}): revocation certificate read (request {RequestId})")]
    public static partial void RevocationCertificateRead(ILogger logger, string keyName, string fingerprint, string requestId);

    [LoggerMessage(EventId = 34, EventName = "KeyCertified", Level = LogLevel.Information,
        Message = "key {KeyName} ({Fingerprint}) certified a user ID of key {CertifiedFingerprint}, type {CertificationType} (request {RequestId})")]
    public static partial void KeyCertified(ILogger logger, string keyName, string fingerprint, string certifiedFingerprint, string certificationType, string requestId);

    [LoggerMessage(EventId = 35, EventName = "TransitionSigned", Level = LogLevel.Information,
        Message = "transition statement from key {KeyName} ({Fingerprint}) to key {NewKeyName} ({NewFingerprint}) signed (request {RequestId})")]
    public static partial void TransitionSigned(ILogger logger, string keyName, string fingerprint, string newKeyName, string newFingerprint, string requestId);
}
