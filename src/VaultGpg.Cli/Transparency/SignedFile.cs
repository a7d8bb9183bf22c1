namespace VaultGpg.Cli.Transparency;

/// <summary>
/// What <c>vaultgpg verify</c> rebuilds a signature's log entry from: the file as the user holds it, the binary
/// signature packet (dearmored), and the fingerprints of the key that should have made it (primary first, then its
/// subkeys), from the mount or a public key file.
/// </summary>
internal sealed record SignedFile(string Path, byte[] SignaturePacket, string PrimaryFingerprint, IReadOnlyCollection<string> KeyFingerprints);
