namespace VaultGpg.Cli.Vault;

/// <summary>Body of <c>POST sign/:name</c>: one of input, hash_state or batch_input.</summary>
internal sealed record SignRequest
{
    public string? Input { get; init; }

    public string? HashState { get; init; }

    public IReadOnlyList<SignBatchItem>? BatchInput { get; init; }

    /// <summary>sha2-224, sha2-256, sha2-384 or sha2-512.</summary>
    public string? Algorithm { get; init; }

    /// <summary>base64 (we always ask for the binary packet and armor it ourselves).</summary>
    public string? Format { get; init; }

    /// <summary>detached or clearsign.</summary>
    public string? Mode { get; init; }

    /// <summary>Text-mode (0x01) detached signature.</summary>
    public bool? Text { get; init; }

    /// <summary>Ask for each signature's C2SP tlog-proof (the mount's transparency log must be on).</summary>
    public bool? LogProof { get; init; }
}
