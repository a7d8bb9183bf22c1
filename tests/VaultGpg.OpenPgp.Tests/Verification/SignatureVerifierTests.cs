using System.Text;
using VaultGpg.OpenPgp.Signing;
using VaultGpg.OpenPgp.Tests.Signing;
using VaultGpg.OpenPgp.Verification;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Verification;

public sealed class SignatureVerifierTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("signed by gpg\n");

    [GpgTheory]
    [InlineData("rsa", "SHA256", false)]
    [InlineData("rsa", "SHA512", true)]
    [InlineData("ed25519", "SHA256", true)]
    [InlineData("ed25519", "SHA384", false)]
    [InlineData("p256", "SHA256", false)]
    [InlineData("p384", "SHA384", true)]
    [InlineData("rsa", "SHA224", false)]
    public async Task VerifyDetached_GpgSignature_ValidWithSignerHashAndTime(string keyName, string digest, bool armored)
    {
        // Arrange
        var key = keys[keyName];
        var signature = (await keys.Gpg.SignDetachedAsync(key.Fingerprint, Data, digestAlgorithm: digest, armor: armored)).EnsureSuccess("sign").Stdout;
        var (_, gpgSays) = await keys.Gpg.VerifyDetachedAsync(Data, signature);

        // Act
        var result = SignatureVerifier.VerifyDetached(key.PublicRing, Data, signature, DateTimeOffset.UtcNow);

        // Assert
        Assert.True(result.Valid);
        Assert.Equal(key.Fingerprint[^16..], result.KeyId);
        Assert.Equal(key.Fingerprint, result.Fingerprint);
        Assert.Equal(gpgSays.HashAlgorithm, result.HashAlgorithmId);
        Assert.Equal(VerificationStatus.Good, result.Status);
        Assert.Equal(gpgSays.CreationTime, result.CreatedAt);
        Assert.Equal(0x00, result.SignatureType);
    }

    [GpgFact]
    public async Task VerifyDetached_GpgSignatureTamperedData_NotValid()
    {
        var key = keys["rsa"];
        var signature = (await keys.Gpg.SignDetachedAsync(key.Fingerprint, Data)).EnsureSuccess("sign").Stdout;

        var result = SignatureVerifier.VerifyDetached(key.PublicRing, Encoding.UTF8.GetBytes("signed by gpg!\n"), signature, DateTimeOffset.UtcNow);

        Assert.Equal(VerificationStatus.Bad, result.Status);
        Assert.Equal(key.Fingerprint[^16..], result.KeyId);
    }

    [GpgFact]
    public async Task VerifyDetached_SignatureFromOtherKey_NotValidAndNamesThatKey()
    {
        var other = keys["ed25519"];
        var signature = (await keys.Gpg.SignDetachedAsync(other.Fingerprint, Data)).EnsureSuccess("sign").Stdout;

        var result = SignatureVerifier.VerifyDetached(keys["rsa"].PublicRing, Data, signature, DateTimeOffset.UtcNow);

        Assert.Equal(VerificationStatus.NoPublicKey, result.Status);
        Assert.Equal(other.Fingerprint[^16..], result.KeyId);
        Assert.Equal(other.Fingerprint, result.Fingerprint);
    }

    [GpgFact]
    public async Task VerifyDetached_GpgTextModeSignature_ValidForCanonicalText()
    {
        var key = keys["p256"];
        var text = Encoding.UTF8.GetBytes("unix\nlines  \n");
        var signature = (await keys.Gpg.RunAsync(["--local-user", key.Fingerprint, "--textmode", "--detach-sign", "--output", "-", "-"], text)).EnsureSuccess("sign").Stdout;

        var same = SignatureVerifier.VerifyDetached(key.PublicRing, text, signature, DateTimeOffset.UtcNow);
        var crlf = SignatureVerifier.VerifyDetached(key.PublicRing, Encoding.UTF8.GetBytes("unix\r\nlines  \r\n"), signature, DateTimeOffset.UtcNow);
        var stripped = SignatureVerifier.VerifyDetached(key.PublicRing, Encoding.UTF8.GetBytes("unix\nlines\n"), signature, DateTimeOffset.UtcNow);

        Assert.True(same.Valid);
        Assert.Equal(0x01, same.SignatureType);
        Assert.True(crlf.Valid);
        Assert.False(stripped.Valid);
    }

    [GpgFact]
    public async Task VerifyDetachedAsync_StreamedData_Valid()
    {
        var key = keys["ed25519"];
        var data = new byte[2_500_000];
        new Random(3).NextBytes(data);
        var signature = (await keys.Gpg.SignDetachedAsync(key.Fingerprint, data, digestAlgorithm: "SHA512")).EnsureSuccess("sign").Stdout;
        var importer = new VaultGpg.OpenPgp.Keys.KeyImporter();

        var result = await SignatureVerifier.VerifyDetachedAsync(importer.Import(key.SecretKey), new MemoryStream(data), signature);

        Assert.True(result.Valid);
    }

    [GpgTheory]
    [InlineData("rsa")]
    [InlineData("ed25519")]
    [InlineData("p384")]
    public async Task VerifyCleartext_GpgClearsignedText_ValidWithSameTextAsGpg(string keyName)
    {
        // Arrange
        var key = keys[keyName];
        var text = Encoding.UTF8.GetBytes("Origin: test\n-dash line\ntrailing   \nFrom the start\nünïcødé\n");
        var message = (await keys.Gpg.RunAsync(["--local-user", key.Fingerprint, "--clearsign", "--output", "-", "-"], text)).EnsureSuccess("clearsign").Stdout;
        var (gpgOutput, _) = await keys.Gpg.VerifyInlineAsync(message);

        // Act
        var result = SignatureVerifier.VerifyCleartext(key.PublicRing, message, DateTimeOffset.UtcNow);

        // Assert
        Assert.True(result.Valid);
        Assert.Equal(0x01, result.SignatureType);
        Assert.Equal(gpgOutput.StdoutText, result.SignedText);
    }

    [GpgFact]
    public async Task VerifyCleartext_TextChanged_NotValid()
    {
        var key = keys["rsa"];
        var message = (await keys.Gpg.RunAsync(["--local-user", key.Fingerprint, "--clearsign", "--output", "-", "-"], "Version: 1.0\n"u8.ToArray())).EnsureSuccess("clearsign").StdoutText;

        var result = SignatureVerifier.VerifyCleartext(key.PublicRing, Encoding.UTF8.GetBytes(message.Replace("Version: 1.0", "Version: 1.1", StringComparison.Ordinal)), DateTimeOffset.UtcNow);

        Assert.False(result.Valid);
    }

    [GpgFact]
    public async Task VerifyCleartext_HashHeaderNotNamingTheDigest_NotValid()
    {
        var key = keys["rsa"];
        var message = (await keys.Gpg.RunAsync(["--local-user", key.Fingerprint, "--digest-algo", "SHA256", "--clearsign", "--output", "-", "-"], "x\n"u8.ToArray())).EnsureSuccess("clearsign").StdoutText;

        var result = SignatureVerifier.VerifyCleartext(key.PublicRing, Encoding.UTF8.GetBytes(message.Replace("Hash: SHA256", "Hash: SHA512", StringComparison.Ordinal)), DateTimeOffset.UtcNow);

        Assert.False(result.Valid);
    }

    [GpgFact]
    public void VerifyDetached_OurOwnArmoredSignature_Valid()
    {
        var key = keys["p384"];
        var signature = new OpenPgpSigner().SignDetached(key.Signer, Data, new SignOptions { Hash = HashAlgorithm.Sha384, Armored = true });

        var result = SignatureVerifier.VerifyDetached(key.PublicRing, Data, signature, DateTimeOffset.UtcNow);

        Assert.True(result.Valid);
        Assert.Equal(HashAlgorithm.Sha384, result.Hash);
    }
}
