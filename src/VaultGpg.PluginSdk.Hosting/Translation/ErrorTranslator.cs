using VaultGpg.PluginSdk.Hosting.Proto.Pb;
using VaultGpg.PluginSdk.Logical;

namespace VaultGpg.PluginSdk.Hosting.Translation;

/// <summary>SDK errors to pb.ProtoError (err_type numbering of Vault's translation.go).</summary>
internal static class ErrorTranslator
{
    /// <summary>The message of errors we do not explain to the caller: their details may hold secrets.</summary>
    public const string InternalErrorMessage = "internal error";

    public static ProtoError ToProto(LogicalError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ProtoError
        {
            ErrType = (uint)error.Type,
            ErrMsg = error.Message,
            ErrCode = error.Type == ErrorType.Coded ? error.Code : 0,
        };
    }

    /// <summary>
    /// The error an exception means for Vault, or null when it is unexpected (the caller logs it and sends
    /// <see cref="Internal"/>). Read-only storage travels as type 0 with Vault's exact sentinel text, so that Vault
    /// forwards the request to the active node.
    /// </summary>
    public static ProtoError? FromExpectedException(Exception exception) => exception switch
    {
        LogicalException logical => ToProto(logical.Error),
        StorageException { IsReadOnly: true } => ToProto(LogicalError.ReadOnlyStorage),
        _ => null,
    };

    /// <summary>A 500-type error that says nothing about the cause.</summary>
    public static ProtoError Internal() => new() { ErrType = (uint)ErrorType.Internal, ErrMsg = InternalErrorMessage };
}
