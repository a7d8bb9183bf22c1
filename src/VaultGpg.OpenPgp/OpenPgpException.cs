namespace VaultGpg.OpenPgp;

/// <summary>
/// The one exception type this library throws for bad input. Messages are meant for end users: short, lower case,
/// and never contain key material, passphrases or the input bytes.
/// </summary>
public sealed class OpenPgpException : Exception
{
    public OpenPgpException(OpenPgpErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public OpenPgpException(OpenPgpErrorKind kind, string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public OpenPgpErrorKind Kind { get; }
}
