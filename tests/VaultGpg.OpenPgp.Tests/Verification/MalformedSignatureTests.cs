using System.Diagnostics;
using System.Text;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Tests.Signing;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Verification;

/// <summary>Hostile and broken signatures give typed errors quickly; never a crash, a hang or a silent false.</summary>
public sealed class MalformedSignatureTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private static readonly byte[] Data = "data"u8.ToArray();
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    public static TheoryData<string, OpenPgpErrorKind> Cases() => new()
    {
        { "empty", OpenPgpErrorKind.MalformedInput },
        { "random bytes", OpenPgpErrorKind.MalformedInput },
        { "10 MiB junk", OpenPgpErrorKind.MalformedInput },
        { "10 MiB junk with packet bit", OpenPgpErrorKind.MalformedInput },
        { "truncated packet", OpenPgpErrorKind.MalformedInput },
        { "header only", OpenPgpErrorKind.MalformedInput },
        { "absurd old-format length", OpenPgpErrorKind.MalformedInput },
        { "absurd new-format length", OpenPgpErrorKind.MalformedInput },
        { "endless partial lengths", OpenPgpErrorKind.MalformedInput },
        { "hashed area longer than packet", OpenPgpErrorKind.MalformedInput },
        { "MPI longer than packet", OpenPgpErrorKind.MalformedInput },
        { "bad armor checksum", OpenPgpErrorKind.MalformedInput },
        { "armor without END", OpenPgpErrorKind.MalformedInput },
        { "armor with bad base64", OpenPgpErrorKind.MalformedInput },
        { "armor of wrong type", OpenPgpErrorKind.MalformedInput },
        { "version 3 signature", OpenPgpErrorKind.Unsupported },
        { "SHA-1 signature", OpenPgpErrorKind.Unsupported },
        { "not a signature packet", OpenPgpErrorKind.InvalidInput },
    };

    [GpgTheory]
    [MemberData(nameof(Cases))]
    public void VerifyDetached_BrokenSignature_ThrowsTypedErrorQuickly(string name, OpenPgpErrorKind kind)
    {
        // Arrange
        var signature = Build(name, ValidSignature());
        var watch = Stopwatch.StartNew();

        // Act
        var ex = Assert.Throws<OpenPgpException>(() => SignatureVerifier.VerifyDetached(keys["rsa"].PublicRing, Data, signature));

        // Assert
        Assert.True(watch.Elapsed < Bound, $"{name} took {watch.Elapsed}");
        Assert.Equal(kind, ex.Kind);
        Assert.DoesNotContain("0x", ex.Message, StringComparison.Ordinal);
    }

    [GpgTheory]
    [InlineData("no cleartext header")]
    [InlineData("no signature block")]
    [InlineData("unknown header")]
    [InlineData("10 MiB junk")]
    public void VerifyCleartext_BrokenMessage_ThrowsMalformedInput(string name)
    {
        var valid = new OpenPgpSigner().SignCleartext(keys["rsa"].Signer, "text\n", HashAlgorithm.Sha256, null);
        var message = name switch
        {
            "no cleartext header" => valid.Replace("-----BEGIN PGP SIGNED MESSAGE-----", "-----BEGIN PGP SIGNED MASSAGE-----", StringComparison.Ordinal),
            "no signature block" => valid[..valid.IndexOf("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal)],
            "unknown header" => valid.Replace("Hash: SHA256", "Charset: x", StringComparison.Ordinal),
            _ => new string('A', 10 << 20),
        };

        var ex = Assert.Throws<OpenPgpException>(() => SignatureVerifier.VerifyCleartext(keys["rsa"].PublicRing, Encoding.UTF8.GetBytes(message)));

        Assert.Equal(OpenPgpErrorKind.MalformedInput, ex.Kind);
    }

    private byte[] ValidSignature() => new OpenPgpSigner().SignDetached(keys["rsa"].Signer, Data, null);

    private static byte[] Build(string name, byte[] valid)
    {
        var random = new Random(name.Length);
        byte[] Random(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        var armored = Armor.Encode(valid, ArmorKind.Signature);
        return name switch
        {
            "empty" => [],
            "random bytes" => [0x00, .. Random(300)],
            "10 MiB junk" => Encoding.ASCII.GetBytes(new string('J', 10 << 20)),
            "10 MiB junk with packet bit" => [.. Random(10 << 20).Select(b => (byte)(b | 0x80))],
            "truncated packet" => valid[..^10],
            "header only" => valid[..2],
            "absurd old-format length" => [0x8A, 0x7F, 0xFF, 0xFF, 0xFF, .. valid[3..]],
            "absurd new-format length" => [0xC2, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, .. valid[3..]],
            "endless partial lengths" => [0xC2, .. Enumerable.Repeat((byte)0xE0, 100_000)],
            "hashed area longer than packet" => WithByte(valid, 3 + 4, 0xFF),
            "MPI longer than packet" => WithByte(valid, valid.Length - 258, 0xFF),
            "bad armor checksum" => Encoding.ASCII.GetBytes(Decryption.MalformedMessageTests.WrongChecksum(armored)),
            "armor without END" => Encoding.ASCII.GetBytes(armored[..armored.IndexOf("-----END", StringComparison.Ordinal)]),
            "armor with bad base64" => Encoding.ASCII.GetBytes(armored.Insert(armored.IndexOf("\n\n", StringComparison.Ordinal) + 2, "!!!!")),
            "armor of wrong type" => Encoding.ASCII.GetBytes(Armor.Encode(valid, ArmorKind.Message)),
            "version 3 signature" => WithByte(valid, 3, 3),
            "SHA-1 signature" => WithByte(valid, 3 + 3, 2),
            "not a signature packet" => [0xCB, 0x03, (byte)'b', 0, 0],
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private static byte[] WithByte(byte[] source, int index, byte value)
    {
        var copy = source.ToArray();
        copy[index] = value;
        return copy;
    }
}
