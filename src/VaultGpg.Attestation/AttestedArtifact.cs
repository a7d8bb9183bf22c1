namespace VaultGpg.Attestation;

/// <summary>An artifact an attestation vouches for: its name as the builder gave it, and its SHA-256 and SHA-512 as
/// lower-case hex when the document records them (at least one is there).</summary>
public sealed record AttestedArtifact(string Name, string? Sha256, string? Sha512);
