using System.Diagnostics;
using System.Text;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Tests.Signing;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Verification;

/// <summary>Hostile and broken signatures give a verdict quickly (malformed, unsupported, weak hash); never a crash, a hang or an exception.</summary>
public sealed class MalformedSignatureTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private static readonly byte[] Data = "data"u8.ToArray();
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    public static TheoryData<string, VerificationStatus> Cases()
    {
        var cases = new TheoryData<string, VerificationStatus>();
        foreach (var common in MalformedInputs.CommonCases)
        {
            cases.Add(common, VerificationStatus.Malformed);
        }

        foreach (var name in new[]
        {
            "truncated packet", "header only", "absurd old-format length", "absurd new-format length", "endless partial lengths",
            "hashed area longer than packet", "MPI longer than packet", "armor without END", "armor with bad base64",
        })
        {
            cases.Add(name, VerificationStatus.Malformed);
        }

        cases.Add("version 3 signature", VerificationStatus.UnsupportedAlgorithm);
        cases.Add("SHA-1 signature", VerificationStatus.WeakHash);
        cases.Add("not a signature packet", VerificationStatus.Malformed);
        return cases;
    }

    [GpgTheory]
    [MemberData(nameof(Cases))]
    public void VerifyDetached_BrokenSignature_NotValidWithStatusQuickly(string name, VerificationStatus status)
    {
        // Arrange
        var signature = Build(name, ValidSignature());
        var watch = Stopwatch.StartNew();

        // Act
        var result = SignatureVerifier.VerifyDetached(keys["rsa"].PublicRing, Data, signature, DateTimeOffset.UtcNow);

        // Assert
        Assert.True(watch.Elapsed < Bound, $"{name} took {watch.Elapsed}");
        Assert.Equal(status, result.Status);
        Assert.False(result.Valid);
        Assert.DoesNotContain("0x", result.Reason, StringComparison.Ordinal);
    }

    [GpgTheory]
    [InlineData("no cleartext header")]
    [InlineData("no signature block")]
    [InlineData("unknown header")]
    [InlineData("10 MiB junk")]
    public void VerifyCleartext_BrokenMessage_Malformed(string name)
    {
        var valid = new OpenPgpSigner().SignCleartext(keys["rsa"].Signer, "text\n", HashAlgorithm.Sha256, null);
        var message = name switch
        {
            "no cleartext header" => valid.Replace("-----BEGIN PGP SIGNED MESSAGE-----", "-----BEGIN PGP SIGNED MASSAGE-----", StringComparison.Ordinal),
            "no signature block" => valid[..valid.IndexOf("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal)],
            "unknown header" => valid.Replace("Hash: SHA256", "Charset: x", StringComparison.Ordinal),
            _ => new string('A', 10 << 20),
        };

        var result = SignatureVerifier.VerifyCleartext(keys["rsa"].PublicRing, Encoding.UTF8.GetBytes(message), DateTimeOffset.UtcNow);

        Assert.Equal(VerificationStatus.Malformed, result.Status);
        Assert.False(result.Valid);
    }

    private byte[] ValidSignature() => new OpenPgpSigner().SignDetached(keys["rsa"].Signer, Data, null);

    private static byte[] Build(string name, byte[] valid)
    {
        var armored = Armor.Encode(valid, ArmorKind.Signature);
        return MalformedInputs.Common(name, valid, ArmorKind.Signature, ArmorKind.Message) ?? name switch
        {
            "truncated packet" => valid[..^10],
            "header only" => valid[..2],
            "absurd old-format length" => [0x8A, 0x7F, 0xFF, 0xFF, 0xFF, .. valid[3..]],
            "absurd new-format length" => [0xC2, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, .. valid[3..]],
            "endless partial lengths" => [0xC2, .. Enumerable.Repeat((byte)0xE0, 100_000)],
            "hashed area longer than packet" => MalformedInputs.WithByte(valid, 3 + 4, 0xFF),
            "MPI longer than packet" => MalformedInputs.WithByte(valid, valid.Length - 258, 0xFF),
            "armor without END" => Encoding.ASCII.GetBytes(armored[..armored.IndexOf("-----END", StringComparison.Ordinal)]),
            "armor with bad base64" => Encoding.ASCII.GetBytes(armored.Insert(armored.IndexOf("\n\n", StringComparison.Ordinal) + 2, "!!!!")),
            "version 3 signature" => MalformedInputs.WithByte(valid, 3, 3),
            "SHA-1 signature" => MalformedInputs.WithByte(valid, 3 + 3, 2),
            "not a signature packet" => [0xCB, 0x03, (byte)'b', 0, 0],
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
