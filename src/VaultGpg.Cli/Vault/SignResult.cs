namespace VaultGpg.Cli.Vault;

/// <summary>The answer to a sign request, or one item of a batch answer (then either signature or error).</summary>
internal sealed record SignResult
{
    /// <summary>Base64 of the binary signature packet (detached mode).</summary>
    public string? Signature { get; init; }

    /// <summary>The cleartext-signed message (clearsign mode).</summary>
    public string? SignedMessage { get; init; }

    public string? KeyId { get; init; }

    public string? Fingerprint { get; init; }

    public string? Hash { get; init; }

    public string? Reference { get; init; }

    public string? Error { get; init; }

    /// <summary>The signature's entry in the mount's transparency log; absent when the log is off.</summary>
    public long? LogIndex { get; init; }

    /// <summary>The C2SP tlog-proof text, when asked for with <c>log_proof</c>.</summary>
    public string? LogProof { get; init; }
}
