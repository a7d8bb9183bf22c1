namespace VaultGpg.Rpm;

/// <summary>How a new signature header went into the file.</summary>
public enum RpmWriteMode
{
    /// <summary>Only the signature header's bytes were rewritten (same length).</summary>
    InPlace,

    /// <summary>A whole new file was written next to it and renamed over it.</summary>
    Rewritten,
}
