namespace VaultGpg.PluginSdk.Logical;

/// <summary>
/// The kinds of error a backend can return, numbered as pb.ProtoError.err_type (sdk/plugin/pb/translation.go).
/// Vault maps them to HTTP statuses; for <see cref="UnsupportedOperation"/> and later kinds it ignores the message.
/// </summary>
public enum ErrorType : uint
{
    /// <summary>A plain error: HTTP 500, or 400 when a response came back with it.</summary>
    Unknown = 0,

    /// <summary>A user error: as <see cref="Unknown"/>, but passed to the client as is by an existence check.</summary>
    User = 1,

    /// <summary>An internal error: HTTP 500, or 400 with a response.</summary>
    Internal = 2,

    /// <summary>An error with an explicit HTTP status in <see cref="LogicalError.Code"/>.</summary>
    Coded = 3,

    /// <summary>HTTP 400 with the message.</summary>
    BadRequest = 4,

    /// <summary>HTTP 405 "unsupported operation".</summary>
    UnsupportedOperation = 5,

    /// <summary>HTTP 404 "unsupported path".</summary>
    UnsupportedPath = 6,

    /// <summary>HTTP 400 "invalid request"; with an error response, its error text is shown instead.</summary>
    InvalidRequest = 7,

    /// <summary>HTTP 403 "permission denied".</summary>
    PermissionDenied = 8,

    /// <summary>"request needs further approval".</summary>
    MultiAuthzPending = 9,

    /// <summary>"unrecoverable error".</summary>
    Unrecoverable = 10,
}
