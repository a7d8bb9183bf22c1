namespace VaultGpg.PluginSdk.Logical;

/// <summary>An error a backend returns to Vault, beside or instead of a response.</summary>
/// <param name="Type">What kind of error it is; decides the HTTP status.</param>
/// <param name="Message">The error text (Vault ignores it for the sentinel kinds 5-10).</param>
/// <param name="Code">The HTTP status for <see cref="ErrorType.Coded"/>; otherwise 0.</param>
public sealed record LogicalError(ErrorType Type, string Message, int Code = 0)
{
    /// <summary>Vault's read-only storage sentinel. Vault finds it by this exact text and forwards the request to the
    /// active node (performance standbys and secondaries), so it must travel unwrapped as a type 0 error.</summary>
    public const string ReadOnlyStorageMessage = "cannot write to readonly storage";

    public static LogicalError UnsupportedPath { get; } = new(ErrorType.UnsupportedPath, "unsupported path");

    public static LogicalError UnsupportedOperation { get; } = new(ErrorType.UnsupportedOperation, "unsupported operation");

    public static LogicalError InvalidRequest { get; } = new(ErrorType.InvalidRequest, "invalid request");

    public static LogicalError PermissionDenied { get; } = new(ErrorType.PermissionDenied, "permission denied");

    public static LogicalError ReadOnlyStorage { get; } = new(ErrorType.Unknown, ReadOnlyStorageMessage);
}
