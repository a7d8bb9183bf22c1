namespace VaultGpg.OpenPgp.Signing;

/// <summary>Receives one signature subpacket from <see cref="SignatureSubpackets.Walk"/>.</summary>
internal delegate void SubpacketVisitor(byte type, bool critical, ReadOnlySpan<byte> data);
