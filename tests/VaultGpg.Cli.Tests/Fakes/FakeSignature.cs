using System.Buffers.Binary;

namespace VaultGpg.Cli.Tests.Fakes;

/// <summary>Builds syntactically valid v4 signature packets (RFC 4880 §5.2.3) for the fake Vault to return.</summary>
internal static class FakeSignature
{
    public static byte[] Packet(byte signatureClass = 0x00, byte publicKeyAlgorithm = 1, byte hashAlgorithm = 8, uint created = 1_700_000_000)
    {
        byte[] hashed = [5, 2, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(hashed.AsSpan(2), created);
        byte[] unhashed = [9, 16, 1, 2, 3, 4, 5, 6, 7, 8];
        byte[] mpi = [0x00, 0x10, 0xAB, 0xCD];
        var body = new List<byte> { 4, signatureClass, publicKeyAlgorithm, hashAlgorithm, 0, (byte)hashed.Length };
        body.AddRange(hashed);
        body.AddRange([0, (byte)unhashed.Length]);
        body.AddRange(unhashed);
        body.AddRange([0x12, 0x34]);
        body.AddRange(mpi);
        return [0xC2, (byte)body.Count, .. body];
    }

    public static string Base64(byte signatureClass = 0x00, byte publicKeyAlgorithm = 1, byte hashAlgorithm = 8, uint created = 1_700_000_000) =>
        Convert.ToBase64String(Packet(signatureClass, publicKeyAlgorithm, hashAlgorithm, created));
}
