namespace VaultGpg.Rpm;

/// <summary>A package this library refuses to read or sign; <see cref="Exception.Message"/> says why in a user's words.</summary>
public sealed class RpmPackageException : Exception
{
    public RpmPackageException()
    {
    }

    public RpmPackageException(string message)
        : base(message)
    {
    }

    public RpmPackageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RpmPackageException(RpmErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public RpmErrorKind Kind { get; } = RpmErrorKind.CorruptHeader;
}
