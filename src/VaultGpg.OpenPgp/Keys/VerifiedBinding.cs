namespace VaultGpg.OpenPgp.Keys;

/// <summary>A subkey binding signature (0x18) that verified, and the state of the back-signature it carries.</summary>
internal sealed record VerifiedBinding(SelfSignature Binding, BackSignatureState BackSignature);
