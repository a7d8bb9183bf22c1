namespace VaultGpg.Cli.Vault;

/// <summary>The body of <c>keys/:name/attest</c>: the attestation file, base64.</summary>
internal sealed record AttestRequest(string Attestation);
