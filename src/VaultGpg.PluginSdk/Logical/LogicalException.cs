namespace VaultGpg.PluginSdk.Logical;

/// <summary>
/// Carries a <see cref="LogicalError"/> out of code that cannot return one (for example the router refusing an unknown
/// path). The host translates it into a ProtoError; it is never logged as an unexpected failure.
/// </summary>
public sealed class LogicalException : Exception
{
    public LogicalException(LogicalError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public LogicalException(LogicalError error, Exception innerException)
        : base(error?.Message, innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public LogicalError Error { get; }
}
