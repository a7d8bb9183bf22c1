namespace VaultGpg.Rpm;

/// <summary>A new signature header; <see cref="SameLength"/> when the reserved space absorbed the change, so it can be written in place.</summary>
public sealed record RebuiltSignatureHeader(byte[] Bytes, bool SameLength);
