using System.Text;
using VaultGpg.OpenPgp.Decryption;
using VaultGpg.OpenPgp.Keys;
using VaultGpg.OpenPgp.Tests.Signing;
using VaultGpg.TestSupport;

namespace VaultGpg.OpenPgp.Tests.Decryption;

public sealed class MessageDecryptorTests(GpgKeysFixture keys) : IClassFixture<GpgKeysFixture>
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("the launch code is 0000\n");
    private readonly KeyImporter _importer = new();

    [GpgTheory]
    [InlineData("rsa", false)]
    [InlineData("rsa", true)]
    [InlineData("ed25519", false)]
    [InlineData("ed25519", true)]
    [InlineData("p256", false)]
    [InlineData("p384", true)]
    public async Task Decrypt_GpgEncryptedToKey_ReturnsPlaintextAndSessionKeyMatchesGpg(string keyName, bool armored)
    {
        // Arrange
        var key = keys[keyName];
        var message = await keys.Gpg.EncryptAsync(key.Fingerprint, Secret, armored);
        var gpgSessionKey = (await keys.Gpg.DecryptAsync(message, showSessionKey: true)).EnsureSuccess("decrypt").StatusOf("SESSION_KEY").Single().Arguments[0];
        var openPgpKey = _importer.Import(key.SecretKey);

        // Act
        var result = MessageDecryptor.Decrypt(openPgpKey, message);
        var sessionKey = SessionKeyReader.Read(openPgpKey, message);

        // Assert
        Assert.Equal(Secret, result.Plaintext);
        Assert.Null(result.SignerKeyId);
        Assert.Null(result.SignatureValid);
        Assert.Equal(gpgSessionKey, sessionKey);
    }

    [GpgTheory]
    [InlineData("none")]
    [InlineData("zip")]
    [InlineData("zlib")]
    [InlineData("bzip2")]
    public async Task Decrypt_EachCompression_ReturnsPlaintext(string compression)
    {
        var key = keys["ed25519"];
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("compressible line\n", 5000)));
        var message = await keys.Gpg.EncryptAsync([key.Fingerprint], data, false, ["--compress-algo", compression]);

        var result = MessageDecryptor.Decrypt(_importer.Import(key.SecretKey), message);

        Assert.Equal(data, result.Plaintext);
    }

    [GpgFact]
    public async Task Decrypt_SignedByRequiredSigner_ReturnsValidSignature()
    {
        var (message, recipient, signer) = await SignedMessageAsync("rsa", "ed25519");

        var result = MessageDecryptor.Decrypt(recipient, message, new DecryptOptions { RequiredSigner = signer });

        Assert.Equal(Secret, result.Plaintext);
        Assert.Equal(keys["ed25519"].Fingerprint[^16..], result.SignerKeyId);
        Assert.True(result.SignatureValid);
    }

    [GpgFact]
    public async Task Decrypt_SignedBySomeoneElseThanRequired_ThrowsSignatureRequired()
    {
        var (message, recipient, _) = await SignedMessageAsync("rsa", "ed25519");
        var required = _importer.Import(keys["p256"].SecretKey);

        var ex = Assert.Throws<OpenPgpException>(() => MessageDecryptor.Decrypt(recipient, message, new DecryptOptions { RequiredSigner = required }));

        Assert.Equal(OpenPgpErrorKind.SignatureRequired, ex.Kind);
    }

    [GpgFact]
    public async Task Decrypt_UnsignedButSignerRequired_ThrowsSignatureRequired()
    {
        var message = await keys.Gpg.EncryptAsync(keys["rsa"].Fingerprint, Secret);
        var options = new DecryptOptions { RequiredSigner = _importer.Import(keys["ed25519"].SecretKey) };

        var ex = Assert.Throws<OpenPgpException>(() => MessageDecryptor.Decrypt(_importer.Import(keys["rsa"].SecretKey), message, options));

        Assert.Equal(OpenPgpErrorKind.SignatureRequired, ex.Kind);
    }

    [GpgFact]
    public async Task Decrypt_SignedNoSignerRequired_ReportsSignerButCannotCheck()
    {
        var (message, recipient, _) = await SignedMessageAsync("p256", "rsa");

        var result = MessageDecryptor.Decrypt(recipient, message);

        Assert.Equal(Secret, result.Plaintext);
        Assert.Equal(keys["rsa"].Fingerprint[^16..], result.SignerKeyId);
        Assert.Null(result.SignatureValid);
    }

    [GpgFact]
    public async Task Decrypt_SignedBySelf_ChecksSignatureWithOwnKey()
    {
        var (message, recipient, _) = await SignedMessageAsync("ed25519", "ed25519");

        var result = MessageDecryptor.Decrypt(recipient, message);

        Assert.True(result.SignatureValid);
    }

    [GpgFact]
    public async Task Decrypt_WithoutIntegrityProtection_ThrowsInvalidInput()
    {
        // gpg --rfc2440 still writes the old packet type 9, encrypted data without an MDC.
        var message = await keys.Gpg.EncryptAsync([keys["rsa"].Fingerprint], Secret, false, ["--rfc2440"]);
        Assert.Contains(":encrypted data packet:", await keys.Gpg.ListPacketsAsync(message), StringComparison.Ordinal);

        var ex = Assert.Throws<OpenPgpException>(() => MessageDecryptor.Decrypt(_importer.Import(keys["rsa"].SecretKey), message));

        Assert.Equal(OpenPgpErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("integrity", ex.Message, StringComparison.Ordinal);
    }

    [GpgFact]
    public async Task Decrypt_ForAnotherKey_ThrowsCannotDecrypt()
    {
        var message = await keys.Gpg.EncryptAsync(keys["p256"].Fingerprint, Secret);

        var ex = Assert.Throws<OpenPgpException>(() => MessageDecryptor.Decrypt(_importer.Import(keys["rsa"].SecretKey), message));

        Assert.Equal(OpenPgpErrorKind.CannotDecrypt, ex.Kind);
    }

    [GpgFact]
    public async Task Decrypt_CiphertextTampered_ThrowsMalformedInputFromIntegrityCheck()
    {
        var message = await keys.Gpg.EncryptAsync([keys["ed25519"].Fingerprint], Secret, false, ["--compress-algo", "none"]);
        message[^30] ^= 0x01;

        var ex = Assert.Throws<OpenPgpException>(() => MessageDecryptor.Decrypt(_importer.Import(keys["ed25519"].SecretKey), message));

        Assert.Equal(OpenPgpErrorKind.MalformedInput, ex.Kind);
    }

    [GpgFact]
    public async Task Decrypt_DecompressesBeyondLimit_ThrowsLimitExceeded()
    {
        var message = await keys.Gpg.EncryptAsync(keys["rsa"].Fingerprint, new byte[1 << 20]);

        var ex = Assert.Throws<OpenPgpException>(() =>
            MessageDecryptor.Decrypt(_importer.Import(keys["rsa"].SecretKey), message, new DecryptOptions { MaxPlaintextBytes = 4096 }));

        Assert.Equal(OpenPgpErrorKind.LimitExceeded, ex.Kind);
    }

    [GpgTheory]
    [InlineData("rsa")]
    [InlineData("ed25519")]
    public async Task Decrypt_ManyThreadsOneKey_AllSucceed(string keyName)
    {
        // One loaded key shared by concurrent requests, as the engine does; nothing in it may be per-call state.
        var key = _importer.Import(keys[keyName].SecretKey);
        var (message, _, _) = await SignedMessageAsync(keyName, keyName);
        var results = new DecryptResult[48];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = MessageDecryptor.Decrypt(key, message, new DecryptOptions { RequiredSigner = key }));

        Assert.All(results, r => Assert.Equal(Secret, r.Plaintext));
        Assert.All(results, r => Assert.True(r.SignatureValid));
    }

    private async Task<(byte[] Message, OpenPgpKey Recipient, OpenPgpKey Signer)> SignedMessageAsync(string recipientName, string signerName)
    {
        var recipient = keys[recipientName];
        var signer = keys[signerName];
        var message = (await keys.Gpg.RunAsync(
            ["--trust-model", "always", "--local-user", signer.Fingerprint, "--recipient", recipient.Fingerprint, "--sign", "--encrypt", "--output", "-", "-"],
            Secret)).EnsureSuccess("sign+encrypt").Stdout;
        return (message, _importer.Import(recipient.SecretKey), _importer.Import(signer.SecretKey));
    }
}
