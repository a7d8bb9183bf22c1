namespace VaultGpg.Attestation;

/// <summary>
/// An attestation, a builder key or a signature that cannot be accepted: malformed, of an unsupported kind, not from a
/// known builder, or not verifying. The message is lower-case, without a full stop, and safe to show to the sender.
/// </summary>
public sealed class AttestationException : Exception
{
    public AttestationException()
    {
    }

    public AttestationException(string message)
        : base(message)
    {
    }

    public AttestationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
