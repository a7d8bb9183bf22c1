namespace VaultGpg.OpenPgp.Verification;

/// <summary>One OpenPGP packet: its tag and its body (partial-length chunks already joined).</summary>
internal readonly record struct Packet(int Tag, ReadOnlyMemory<byte> Body);
